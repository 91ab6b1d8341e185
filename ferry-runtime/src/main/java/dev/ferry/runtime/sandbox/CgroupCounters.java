package dev.ferry.runtime.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads what one cgroup of {@link Cgroups} used: its CPU time and its memory, from the kernel's own counters.
 * On cgroup v2, {@code cpu.stat}'s {@code usage_usec} and {@code memory.current}; on v1, {@code cpuacct.usage}
 * where cpuacct is mounted with cpu and {@code memory.usage_in_bytes}. A v1 host whose cpuacct hierarchy is
 * mounted apart (Ferry does not join it) gets the CPU times of the group's live processes from {@code /proc}
 * instead, so CPU used by processes that already exited is not counted there.
 *
 * <p>Each read is a few small file reads; a counter that cannot be read is empty ("not measured"), never 0.
 */
public final class CgroupCounters {

    /** {@code USER_HZ}: the clock ticks per second of {@code /proc/<pid>/stat}, 100 on every Linux Ferry runs on. */
    private static final long MICROS_PER_TICK = 10_000;

    private final List<Path> dirs;
    private final Path proc;

    /** @param dirs the group's directories, one per v1 hierarchy or the one of v2 */
    public CgroupCounters(List<Path> dirs) {
        this(dirs, Path.of("/proc"));
    }

    CgroupCounters(List<Path> dirs, Path proc) {
        this.dirs = List.copyOf(dirs);
        this.proc = proc;
    }

    /** The counters of {@code group}. */
    public static CgroupCounters of(Cgroups.Group group) {
        return new CgroupCounters(group.directories());
    }

    /** The CPU time the group's processes used, in microseconds; empty when it cannot be read. */
    public OptionalLong cpuMicros() {
        for (Path dir : dirs) {
            for (String line : lines(dir.resolve("cpu.stat"))) {
                if (line.startsWith("usage_usec ")) {
                    return number(line.substring("usage_usec ".length()));
                }
            }
        }
        for (Path dir : dirs) {
            List<String> usage = lines(dir.resolve("cpuacct.usage"));
            if (!usage.isEmpty()) {
                OptionalLong nanos = number(usage.getFirst());
                return nanos.isPresent() ? OptionalLong.of(nanos.getAsLong() / 1000) : nanos;
            }
        }
        return processTimes();
    }

    /** The memory the group holds now, in bytes; empty when it cannot be read. */
    public OptionalLong memoryBytes() {
        for (Path dir : dirs) {
            for (String file : List.of("memory.current", "memory.usage_in_bytes")) {
                List<String> value = lines(dir.resolve(file));
                if (!value.isEmpty()) {
                    return number(value.getFirst());
                }
            }
        }
        return OptionalLong.empty();
    }

    /** User and system time of the group's live processes and of their waited-for children. */
    private OptionalLong processTimes() {
        if (dirs.isEmpty() || !Files.isRegularFile(dirs.getFirst().resolve("cgroup.procs"))) {
            return OptionalLong.empty();
        }
        long ticks = 0;
        for (String pid : lines(dirs.getFirst().resolve("cgroup.procs"))) {
            List<String> stat = lines(proc.resolve(pid.trim()).resolve("stat"));
            if (stat.isEmpty()) {
                continue; // exited since the group was listed
            }
            String line = stat.getFirst();
            // the command name (field 2) may hold spaces and parentheses: fields start after the last ')'
            String[] fields = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
            try {
                for (int field = 14; field <= 17; field++) { // utime, stime, cutime, cstime
                    ticks += Long.parseLong(fields[field - 3]);
                }
            } catch (RuntimeException e) {
                // not a stat line we know: leave it out
            }
        }
        return OptionalLong.of(ticks * MICROS_PER_TICK);
    }

    private static OptionalLong number(String text) {
        try {
            return OptionalLong.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList()
                    : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }
}
