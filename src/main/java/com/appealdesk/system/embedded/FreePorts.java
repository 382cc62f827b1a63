package com.appealdesk.system.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Port 0 means "any free port" (tests). The embedded servers take the number up front and keep it, so a server that
 * is stopped and started again (an outage in a test) comes back where its client looks for it.
 */
final class FreePorts {

    private FreePorts() {
    }

    static int freeIfZero(int port) {
        if (port != 0) {
            return port;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
