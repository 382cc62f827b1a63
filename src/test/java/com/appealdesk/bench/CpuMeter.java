package com.appealdesk.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * CPU time spent by this JVM (the application, its embedded S3 and SMTP servers, and the benchmark's clients) and by
 * the benchmark's PostgreSQL server (its server process and every process it started, live or ended), read from the
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

    /** The server process of the database, or -1 where it cannot be read (not Linux, or not on this machine). */
    private final long server;

    CpuMeter(JdbcClient jdbc) {
        long backend = jdbc.sql("select pg_backend_pid()").query(Long.class).single();
        this.server = stat(backend).map(fields -> Long.parseLong(fields[1])).orElse(-1L);
    }

    /** Whether the database's CPU time can be read: it runs on this machine and {@code /proc} shows it. */
    boolean available() {
        return server > 0;
    }

    Sample now() {
        double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e6;
        return new Sample(jvm, available() ? databaseMillis() : Double.NaN);
    }

    /**
     * The server's own time and that of the children it has reaped (cutime, cstime), plus the time of its live
     * children (backends, background workers): each tick is counted once.
     */
    private double databaseMillis() {
        long ticks = stat(server).map(fields -> ticks(fields, true)).orElse(0L);
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                ticks += stat(Long.parseLong(process.getFileName().toString()))
                        .filter(fields -> Long.parseLong(fields[1]) == server).map(fields -> ticks(fields, false)).orElse(0L);
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return ticks * 1000 / TICKS_PER_SECOND;
    }

    private static long ticks(String[] fields, boolean withEndedChildren) {
        long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return withEndedChildren ? own + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : own;
    }

    /**
     * The fields of {@code /proc/<pid>/stat} after the command: state ppid pgrp session tty tpgid flags minflt cminflt
     * majflt cmajflt utime stime cutime cstime …; empty for a process that is gone (or a machine without /proc).
     */
    private static Optional<String[]> stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int close = stat.lastIndexOf(')');
            return close < 0 ? Optional.empty() : Optional.of(stat.substring(close + 2).split(" "));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
