package dev.ferry.runtime.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts instances into {@code <top>/<app>/<instance>} cgroups ({@code top} is {@code ferry} by default) with a memory limit and a CPU share, on cgroup v1
 * ({@code memory.limit_in_bytes} and {@code cpu.shares} in the {@code memory} and {@code cpu} hierarchies) or
 * v2 ({@code memory.max} and {@code cpu.weight} in the unified one). {@link #probe} finds which one is mounted
 * and writable; when neither is, {@link #version()} is {@code NONE} and instances run without limits.
 *
 * <p>Instance groups are named {@code <instance>@<owner>}, the owner being a hash of the runtime directory, so
 * two Ferry installations on one host (or tests beside a running platform) never remove each other's groups.
 */
public final class Cgroups {

    private static final Logger log = LoggerFactory.getLogger(Cgroups.class);

    /** Which cgroup layout is in use. */
    public enum Version { V1, V2, NONE }

    private final Version version;
    private final Path root;
    private final long memoryLimitBytes;
    private final int cpuShares;
    private final String top;
    private final String owner;

    private Cgroups(Version version, Path root, String top, long memoryLimitBytes, int cpuShares, String owner) {
        this.top = top;
        this.owner = owner;
        this.version = version;
        this.root = root;
        this.memoryLimitBytes = memoryLimitBytes;
        this.cpuShares = cpuShares;
    }

    /**
     * Finds a writable cgroup layout under {@code root} by creating and removing a probe group.
     *
     * @param top the parent group of every app's groups, e.g. {@code ferry}
     * @param owner names this installation's instance groups ({@code <instance>@<owner>})
     */
    public static Cgroups probe(Path root, String top, long memoryLimitBytes, int cpuShares, String owner) {
        String probe = "probe-" + ProcessHandle.current().pid();
        if (Files.isRegularFile(root.resolve("cgroup.controllers"))) {
            Cgroups v2 = new Cgroups(Version.V2, root, top, memoryLimitBytes, cpuShares, owner);
            if (v2.tryProbe(probe)) {
                return v2;
            }
        }
        if (Files.isDirectory(root.resolve("memory")) && Files.isDirectory(root.resolve("cpu"))) {
            Cgroups v1 = new Cgroups(Version.V1, root, top, memoryLimitBytes, cpuShares, owner);
            if (v1.tryProbe(probe)) {
                return v1;
            }
        }
        return new Cgroups(Version.NONE, root, top, memoryLimitBytes, cpuShares, owner);
    }

    private boolean tryProbe(String name) {
        try {
            Group g = create("ferry-probe", name);
            g.remove();
            return true;
        } catch (IOException | RuntimeException e) {
            log.debug("cgroup {} not usable here: {}", version, e.toString());
            return false;
        }
    }

    public Version version() {
        return version;
    }

    /** How {@code sandboxStatus()} names this, e.g. {@code cgroups v1 (memory 512 MiB, cpu shares 1024)}. */
    public String describe() {
        long mib = memoryLimitBytes / (1024 * 1024);
        return switch (version) {
            case V1 -> "cgroups v1 (memory " + mib + " MiB, cpu shares " + cpuShares + ")";
            case V2 -> "cgroups v2 (memory " + mib + " MiB, cpu weight " + cpuWeight() + ")";
            case NONE -> "no cgroups (no memory or cpu limits)";
        };
    }

    /** Creates the group of one instance with its limits. */
    public Group create(String app, String instanceId) throws IOException {
        String instance = instanceId + "@" + owner;
        List<Path> dirs = switch (version) {
            case V1 -> List.of(root.resolve("memory").resolve(top).resolve(app).resolve(instance),
                    root.resolve("cpu").resolve(top).resolve(app).resolve(instance));
            case V2 -> List.of(root.resolve(top).resolve(app).resolve(instance));
            case NONE -> throw new IllegalStateException("no cgroups here");
        };
        if (version == Version.V2) {
            enableControllers(root);
            Files.createDirectories(root.resolve(top));
            enableControllers(root.resolve(top));
            Files.createDirectories(root.resolve(top).resolve(app));
            enableControllers(root.resolve(top).resolve(app));
        }
        for (Path d : dirs) {
            Files.createDirectories(d);
        }
        if (version == Version.V1) {
            Files.writeString(dirs.get(0).resolve("memory.limit_in_bytes"), Long.toString(memoryLimitBytes));
            Files.writeString(dirs.get(1).resolve("cpu.shares"), Integer.toString(cpuShares));
        } else {
            Files.writeString(dirs.get(0).resolve("memory.max"), Long.toString(memoryLimitBytes));
            writeIfPresent(dirs.get(0).resolve("cpu.weight"), Integer.toString(cpuWeight()));
        }
        return new Group(dirs);
    }

    /** Removes this owner's {@code ferry/<app>/<instance>} groups left by an earlier run, killing what runs in them. */
    public void removeLeftovers() {
        List<Path> tops = switch (version) {
            case V1 -> List.of(root.resolve("memory").resolve(top), root.resolve("cpu").resolve(top));
            case V2 -> List.of(root.resolve(top));
            case NONE -> List.of();
        };
        for (Path top : tops) {
            if (!Files.isDirectory(top)) {
                continue;
            }
            try (Stream<Path> apps = Files.list(top)) {
                for (Path app : apps.filter(Files::isDirectory).toList()) {
                    try (Stream<Path> groups = Files.list(app)) {
                        for (Path g : groups.filter(d -> d.getFileName().toString().endsWith("@" + owner)).toList()) {
                            Group leftover = new Group(List.of(g));
                            leftover.killAll();
                            leftover.remove();
                        }
                    }
                    try {
                        Files.delete(app);
                    } catch (IOException e) {
                        // another installation's groups remain in it
                    }
                }
            } catch (IOException | RuntimeException e) {
                log.warn("could not remove leftover cgroups under {}: {}", top, e.toString());
            }
        }
    }

    private int cpuWeight() {
        return (int) Math.max(1, Math.min(10000, 1 + ((long) (cpuShares - 2) * 9999) / 262142));
    }

    private static void enableControllers(Path dir) {
        try {
            Files.writeString(dir.resolve("cgroup.subtree_control"), "+memory +cpu");
        } catch (IOException e) {
            // already enabled, or delegated without cpu: memory alone still works
        }
    }

    private static void writeIfPresent(Path file, String value) throws IOException {
        if (Files.exists(file)) {
            Files.writeString(file, value);
        }
    }

    /** One instance's group (one directory per v1 hierarchy, one on v2). */
    public static final class Group {
        private final List<Path> dirs;

        Group(List<Path> dirs) {
            this.dirs = List.copyOf(dirs);
        }

        /** The {@code cgroup.procs} files a process writes its pid to, to join the group. */
        public List<Path> procsFiles() {
            return dirs.stream().map(d -> d.resolve("cgroup.procs")).toList();
        }

        /** SIGKILL to every process still in the group. */
        public void killAll() {
            for (Path procs : procsFiles()) {
                try {
                    for (String line : Files.readAllLines(procs)) {
                        if (!line.isBlank()) {
                            ProcessHandle.of(Long.parseLong(line.trim())).ifPresent(ProcessHandle::destroyForcibly);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // group already gone
                }
            }
        }

        /** Removes the group's directories (empty groups only; retried briefly while processes exit). */
        public void remove() {
            for (Path d : dirs) {
                for (int attempt = 0; attempt < 20 && Files.exists(d); attempt++) {
                    try {
                        Files.delete(d);
                    } catch (IOException e) {
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException ie) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }
            }
        }

        /** The directory of the memory group (v1) or the group (v2). */
        public Optional<Path> memoryDir() {
            return dirs.stream().findFirst();
        }
    }
}
