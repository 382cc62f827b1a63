package com.appealdesk.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time spent by this JVM (the application, its embedded S3 and SMTP servers, and the benchmark's clients) and by
 * the PostgreSQL server processes (the embedded database runs as processes named {@code postgres}), read from the
 * JVM and from {@code /proc}. Where the two cores go tells whether less database work could move a figure.
 */
final class CpuMeter {

    /** Clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ, 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100;

    record Sample(double jvmMillis, double postgresMillis) {

        Sample minus(Sample earlier) {
            return new Sample(jvmMillis - earlier.jvmMillis, postgresMillis - earlier.postgresMillis);
        }
    }

    private CpuMeter() {
    }

    /** Whether this machine lets the database's CPU time be read (Linux's {@code /proc}). */
    static boolean available() {
        return Files.isDirectory(Path.of("/proc/self"));
    }

    static Sample now() {
        double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e6;
        return new Sample(jvm, postgresMillis());
    }

    private static double postgresMillis() {
        long ticks = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                ticks += postgresTicks(process);
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return ticks * 1000 / TICKS_PER_SECOND;
    }

    /**
     * utime + stime of a postgres process, with those of its children that have ended (the server's count of the
     * backends and workers it has reaped); 0 for any other process, or one that has just ended.
     */
    private static long postgresTicks(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            if (open < 0 || close < open || !stat.substring(open + 1, close).equals("postgres")) {
                return 0;
            }
            // after the command: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
            // cutime cstime
            String[] fields = stat.substring(close + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
