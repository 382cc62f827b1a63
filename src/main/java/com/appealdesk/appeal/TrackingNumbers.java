package com.appealdesk.appeal;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Tracking numbers such as {@code AD-20261121-7KQ4M2}: the date it was opened (Shanghai time) and six characters
 * from an alphabet without look-alikes (no 0/O, 1/I/L), so a hotline agent can read one out.
 */
final class TrackingNumbers {

    private static final char[] ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private TrackingNumbers() {
    }

    static String next() {
        StringBuilder sb = new StringBuilder("AD-").append(LocalDate.now(ZONE).format(DateTimeFormatter.BASIC_ISO_DATE)).append('-');
        for (int i = 0; i < 6; i++) {
            sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }
}
