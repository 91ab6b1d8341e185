package dev.ferry.runtime.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The v1 and v2 layouts on a stand-in cgroup root (plain directories), so both paths run on any host. */
class CgroupsTest {

    @TempDir
    Path root;

    @Test
    void writesV2LimitsInOneGroupAndEnablesControllersDownTheTree() throws Exception {
        Files.writeString(root.resolve("cgroup.controllers"), "cpu memory");

        Cgroups cgroups = Cgroups.probe(root, "ferry", 64L * 1024 * 1024, 1024, "abcd");
        Cgroups.Group group = cgroups.create("hello", "web.1-1");

        assertThat(cgroups.version()).isEqualTo(Cgroups.Version.V2);
        Path dir = root.resolve("ferry/hello/web.1-1@abcd");
        assertThat(Files.readString(dir.resolve("memory.max"))).isEqualTo("67108864");
        assertThat(Files.readString(root.resolve("ferry/hello/cgroup.subtree_control"))).contains("+memory");
        assertThat(group.procsFiles()).containsExactly(dir.resolve("cgroup.procs"));
        assertThat(cgroups.describe()).isEqualTo("cgroups v2 (memory 64 MiB, cpu weight 39, no pids controller)");
    }

    @Test
    void writesV1LimitsInMemoryAndCpuHierarchies() throws Exception {
        Files.createDirectories(root.resolve("memory"));
        Files.createDirectories(root.resolve("cpu"));

        Cgroups cgroups = Cgroups.probe(root, "ferry", 128L * 1024 * 1024, 512, "abcd");
        Cgroups.Group group = cgroups.create("hello", "web.1-1");

        assertThat(cgroups.version()).isEqualTo(Cgroups.Version.V1);
        assertThat(Files.readString(root.resolve("memory/ferry/hello/web.1-1@abcd/memory.limit_in_bytes")))
                .isEqualTo("134217728");
        assertThat(Files.readString(root.resolve("cpu/ferry/hello/web.1-1@abcd/cpu.shares"))).isEqualTo("512");
        assertThat(group.procsFiles()).hasSize(2);
    }

    @Test
    void writesPidsLimitsInTheV1PidsHierarchyAndPerGroupOverrides() throws Exception {
        for (String h : new String[] {"memory", "cpu", "pids"}) {
            Files.createDirectories(root.resolve(h));
        }

        Cgroups cgroups = Cgroups.probe(root, "ferry", new CgroupLimits(128L * 1024 * 1024, 512, 300), "abcd");
        Cgroups.Group group = cgroups.create("hello", "web.1-1");
        cgroups.create("hello", "worker.1-2", cgroups.limits().withPids(2048));

        assertThat(Files.readString(root.resolve("pids/ferry/hello/web.1-1@abcd/pids.max"))).isEqualTo("300");
        assertThat(Files.readString(root.resolve("pids/ferry/hello/worker.1-2@abcd/pids.max"))).isEqualTo("2048");
        assertThat(group.procsFiles()).hasSize(3);
        assertThat(cgroups.describe()).isEqualTo("cgroups v1 (memory 128 MiB, cpu shares 512, pids 300)");
    }

    @Test
    void writesV2PidsLimitWhereThePidsControllerIsAvailable() throws Exception {
        Files.writeString(root.resolve("cgroup.controllers"), "cpu memory pids");
        Files.createDirectories(root.resolve("ferry/hello/web.1-1@abcd"));
        Files.writeString(root.resolve("ferry/hello/web.1-1@abcd/pids.max"), "max");

        Cgroups cgroups = Cgroups.probe(root, "ferry", new CgroupLimits(64L * 1024 * 1024, 1024, 512), "abcd");
        cgroups.create("hello", "web.1-1");

        assertThat(Files.readString(root.resolve("ferry/hello/web.1-1@abcd/pids.max"))).isEqualTo("512");
        assertThat(cgroups.describe()).endsWith("pids 512)");
    }

    @Test
    void reportsNoneWhereNothingIsMounted() {
        Cgroups cgroups = Cgroups.probe(root.resolve("absent"), "ferry", 64L * 1024 * 1024, 1024, "abcd");
        assertThat(cgroups.version()).isEqualTo(Cgroups.Version.NONE);
        assertThat(cgroups.describe()).startsWith("no cgroups");
    }
}
