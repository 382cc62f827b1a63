package com.appealdesk.system.security;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The address whose failed logins are counted together: an IPv4 address as it is, an IPv6 address by its /64
 * prefix. One IPv6 host is given a whole /64 (2^64 addresses), so counting each address alone let a single machine
 * guess without limit by taking a new address every ten failures.
 */
final class ThrottledAddress {

    private ThrottledAddress() {
    }

    static String of(String remoteAddress) {
        if (remoteAddress == null || !remoteAddress.contains(":")) {
            return remoteAddress;
        }
        try {
            // a literal (the container gives one): no name is looked up
            InetAddress address = InetAddress.getByName(remoteAddress.replaceAll("%.*$", ""));
            if (!(address instanceof Inet6Address)) {
                return address.getHostAddress();
            }
            byte[] bytes = address.getAddress();
            StringBuilder prefix = new StringBuilder();
            for (int group = 0; group < 4; group++) {
                prefix.append(Integer.toHexString(((bytes[2 * group] & 0xFF) << 8) | (bytes[2 * group + 1] & 0xFF))).append(':');
            }
            return prefix.append(":/64").toString();
        } catch (UnknownHostException notALiteral) {
            return remoteAddress;
        }
    }
}
