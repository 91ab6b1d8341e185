package dev.ferry.runtime.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.runtime.InstanceUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a group's CPU and memory counters from fake cgroup directories, and the CPU percentage over time. */
class CgroupCountersTest {

    @TempDir
    Path tmp;

    @Test
    void readsTheV2Counters() throws Exception {
        Path g = Files.createDirectories(tmp.resolve("ferry/hello/web.1"));
        Files.writeString(g.resolve("cpu.stat"), "usage_usec 1500000\nuser_usec 1000000\nsystem_usec 500000\n");
        Files.writeString(g.resolve("memory.current"), "41943040\n");

        CgroupCounters counters = new CgroupCounters(List.of(g));

        assertThat(counters.cpuMicros()).hasValue(1_500_000);
        assertThat(counters.memoryBytes()).hasValue(41_943_040);
    }

    @Test
    void readsTheV1CountersAcrossHierarchies() throws Exception {
        Path memory = Files.createDirectories(tmp.resolve("memory/ferry/hello/web.1"));
        Path cpu = Files.createDirectories(tmp.resolve("cpu/ferry/hello/web.1"));
        Files.writeString(memory.resolve("memory.usage_in_bytes"), "1048576\n");
        Files.writeString(cpu.resolve("cpu.stat"), "nr_periods 0\nnr_throttled 0\n");
        Files.writeString(cpu.resolve("cpuacct.usage"), "2500000000\n");

        CgroupCounters counters = new CgroupCounters(List.of(memory, cpu));

        assertThat(counters.cpuMicros()).hasValue(2_500_000);
        assertThat(counters.memoryBytes()).hasValue(1_048_576);
    }

    @Test
    void addsTheGroupsProcessTimesWhenCpuacctIsMountedApart() throws Exception {
        Path memory = Files.createDirectories(tmp.resolve("memory/g"));
        Files.writeString(memory.resolve("cgroup.procs"), "7\n8\n99\n");
        Path proc = tmp.resolve("proc");
        // fields 14 to 17 (utime, stime, cutime, cstime) of /proc/<pid>/stat, after a name with a space and ')'
        Files.createDirectories(proc.resolve("7"));
        Files.writeString(proc.resolve("7/stat"), "7 (we b) S 1 7 7 0 -1 0 0 0 0 0 30 20 5 5 20 0 1 0 100 0 0\n");
        Files.createDirectories(proc.resolve("8"));
        Files.writeString(proc.resolve("8/stat"), "8 (x)) R 7 7 7 0 -1 0 0 0 0 0 100 0 0 0 20 0 1 0 200 0 0\n");

        CgroupCounters counters = new CgroupCounters(List.of(memory), proc);

        assertThat(counters.cpuMicros()).hasValue((30 + 20 + 5 + 5 + 100) * 10_000L);
    }

    @Test
    void saysNotMeasuredRatherThanZeroWhenACounterIsMissing() throws Exception {
        Path g = Files.createDirectories(tmp.resolve("gone"));
        Files.writeString(g.resolve("cpu.stat"), "usage_usec 10\n");

        CgroupGauge gauge = new CgroupGauge(new CgroupCounters(List.of(g)), 0);

        assertThat(new CgroupCounters(List.of(g)).memoryBytes()).isEmpty();
        assertThat(gauge.read(Instant.EPOCH, 5_000_000_000L)).isEmpty();
        assertThat(new CgroupCounters(List.of(tmp.resolve("missing"))).cpuMicros()).isEmpty();
    }

    @Test
    void takesTheCpuPercentageOverTheWindowSinceTheLastRead() throws Exception {
        Path g = Files.createDirectories(tmp.resolve("web.1"));
        Files.writeString(g.resolve("memory.current"), "4096\n");
        Files.writeString(g.resolve("cpu.stat"), "usage_usec 2000000\n");
        long second = 1_000_000_000L;
        CgroupGauge gauge = new CgroupGauge(new CgroupCounters(List.of(g)), 0);

        Optional<InstanceUsage> first = gauge.read(Instant.EPOCH, 4 * second); // 2 s of CPU in 4 s since creation
        Files.writeString(g.resolve("cpu.stat"), "usage_usec 17000000\n");
        Optional<InstanceUsage> early = gauge.read(Instant.EPOCH, 4 * second + second / 2);
        Optional<InstanceUsage> later = gauge.read(Instant.EPOCH, 14 * second); // 15 s of CPU in 10 s

        assertThat(first.orElseThrow().cpuPercent()).isCloseTo(50.0, org.assertj.core.data.Offset.offset(0.001));
        assertThat(first.orElseThrow().memoryBytes()).isEqualTo(4096);
        assertThat(early.orElseThrow().cpuPercent()).as("half a second is too short a window: the last one stands")
                .isCloseTo(50.0, org.assertj.core.data.Offset.offset(0.001));
        assertThat(later.orElseThrow().cpuPercent()).isCloseTo(150.0, org.assertj.core.data.Offset.offset(0.001));
    }
}
