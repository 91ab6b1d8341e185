package dev.ferry.runtime.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Reads a process's start time (clock ticks since boot, field 22 of {@code /proc/<pid>/stat}): with the pid
 * it names one process for ever, so a pid reused after a reboot or a wrap-around is never mistaken for ours.
 */
public final class ProcStat {

    private ProcStat() {
    }

    /** The start time of {@code pid}, empty when no such process (or no /proc). */
    public static OptionalLong startTime(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may hold spaces and parentheses: fields start after the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return OptionalLong.of(Long.parseLong(fields[19]));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
