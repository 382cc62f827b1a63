package com.appealdesk.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class NoDelaySocketFactoryTest {

    @Test
    void everySocketItMakesHasNagleOff() throws Exception {
        NoDelaySocketFactory factory = new NoDelaySocketFactory();
        try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
                Socket unconnected = factory.createSocket();
                Socket byName = factory.createSocket("localhost", server.getLocalPort());
                Socket byAddress = factory.createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            unconnected.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
            // OkHttp asks for an unconnected socket and connects it itself
            assertThat(unconnected.getTcpNoDelay()).isTrue();
            assertThat(byName.getTcpNoDelay()).isTrue();
            assertThat(byAddress.getTcpNoDelay()).isTrue();
            assertThat(new Socket().getTcpNoDelay()).as("the JDK's default, which this factory changes").isFalse();
        }
    }
}
