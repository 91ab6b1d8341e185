package dev.ferry.runtime.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts instances and builds into {@code <top>/<app>/<instance>} cgroups ({@code top} is {@code ferry} by default)
 * with a memory limit, a CPU share and a process-count limit ({@link CgroupLimits}), on cgroup v1
 * ({@code memory.limit_in_bytes}, {@code cpu.shares} and {@code pids.max} in the {@code memory}, {@code cpu} and
 * {@code pids} hierarchies) or v2 ({@code memory.max}, {@code cpu.weight} and {@code pids.max} in the unified
 * one). {@link #probe} finds which one is mounted and writable; when neither is, {@link #version()} is
 * {@code NONE} and instances run without limits. A host without the pids controller gets no pids limit.
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
    private final CgroupLimits limits;
    private final String top;
    private final String owner;

    private Cgroups(Version version, Path root, String top, CgroupLimits limits, String owner) {
        this.top = top;
        this.owner = owner;
        this.version = version;
        this.root = root;
        this.limits = limits;
    }

    /**
     * Finds a writable cgroup layout under {@code root} by creating and removing a probe group.
     *
     * @param top the parent group of every app's groups, e.g. {@code ferry}
     * @param owner names this installation's instance groups ({@code <instance>@<owner>})
     */
    public static Cgroups probe(Path root, String top, long memoryLimitBytes, int cpuShares, String owner) {
        return probe(root, top, new CgroupLimits(memoryLimitBytes, cpuShares, CgroupLimits.DEFAULT_PIDS), owner);
    }

    /** As {@link #probe(Path, String, long, int, String)}, with the default {@code limits} of a group. */
    public static Cgroups probe(Path root, String top, CgroupLimits limits, String owner) {
        String probe = "probe-" + ProcessHandle.current().pid();
        if (Files.isRegularFile(root.resolve("cgroup.controllers"))) {
            Cgroups v2 = new Cgroups(Version.V2, root, top, limits, owner);
            if (v2.tryProbe(probe)) {
                return v2;
            }
        }
        if (Files.isDirectory(root.resolve("memory")) && Files.isDirectory(root.resolve("cpu"))) {
            Cgroups v1 = new Cgroups(Version.V1, root, top, limits, owner);
            if (v1.tryProbe(probe)) {
                return v1;
            }
        }
        return new Cgroups(Version.NONE, root, top, limits, owner);
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

    /** The limits a group gets unless {@link #create(String, String, CgroupLimits)} is given others. */
    public CgroupLimits limits() {
        return limits;
    }

    /** How {@code sandboxStatus()} names this, e.g. {@code cgroups v1 (memory 512 MiB, cpu shares 1024, pids 512)}. */
    public String describe() {
        long mib = limits.memoryBytes() / (1024 * 1024);
        return switch (version) {
            case V1 -> "cgroups v1 (memory " + mib + " MiB, cpu shares " + limits.cpuShares() + pidsNote() + ")";
            case V2 -> "cgroups v2 (memory " + mib + " MiB, cpu weight " + cpuWeight(limits.cpuShares()) + pidsNote() + ")";
            case NONE -> "no cgroups (no memory, cpu or pids limits)";
        };
    }

    private String pidsNote() {
        boolean pids = version == Version.V1 ? Files.isDirectory(root.resolve("pids"))
                : Files.exists(root.resolve("cgroup.controllers")) && readQuietly(root.resolve("cgroup.controllers")).contains("pids");
        return pids ? ", pids " + limits.pids() : ", no pids controller";
    }

    /** Creates the group of one instance with the default limits. */
    public Group create(String app, String instanceId) throws IOException {
        return create(app, instanceId, limits);
    }

    /** Creates the group of one instance (or build) with {@code groupLimits}. */
    public Group create(String app, String instanceId, CgroupLimits groupLimits) throws IOException {
        String instance = instanceId + "@" + owner;
        List<Path> dirs = switch (version) {
            case V1 -> v1Hierarchies().stream().map(h -> h.resolve(top).resolve(app).resolve(instance)).toList();
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
            Files.writeString(dirs.get(0).resolve("memory.limit_in_bytes"), Long.toString(groupLimits.memoryBytes()));
            Files.writeString(dirs.get(1).resolve("cpu.shares"), Integer.toString(groupLimits.cpuShares()));
            if (dirs.size() > 2) {
                Files.writeString(dirs.get(2).resolve("pids.max"), Integer.toString(groupLimits.pids()));
            }
        } else {
            Files.writeString(dirs.get(0).resolve("memory.max"), Long.toString(groupLimits.memoryBytes()));
            writeIfPresent(dirs.get(0).resolve("cpu.weight"), Integer.toString(cpuWeight(groupLimits.cpuShares())));
            writeIfPresent(dirs.get(0).resolve("pids.max"), Integer.toString(groupLimits.pids()));
        }
        return new Group(dirs);
    }

    /** The v1 hierarchies a group spans: memory first, then cpu, then pids where that controller is mounted. */
    private List<Path> v1Hierarchies() {
        Path pids = root.resolve("pids");
        return Files.isDirectory(pids) ? List.of(root.resolve("memory"), root.resolve("cpu"), pids)
                : List.of(root.resolve("memory"), root.resolve("cpu"));
    }

    /** Removes this owner's {@code ferry/<app>/<instance>} groups left by an earlier run, killing what runs in them. */
    public void removeLeftovers() {
        List<Path> tops = switch (version) {
            case V1 -> v1Hierarchies().stream().map(h -> h.resolve(top)).toList();
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

    private static int cpuWeight(int cpuShares) {
        return (int) Math.max(1, Math.min(10000, 1 + ((long) (cpuShares - 2) * 9999) / 262142));
    }

    private static void enableControllers(Path dir) {
        try {
            Files.writeString(dir.resolve("cgroup.subtree_control"), "+memory +cpu +pids");
            return;
        } catch (IOException e) {
            // one of them is missing here: enable the others one by one
        }
        for (String controller : List.of("+memory", "+cpu", "+pids")) {
            try {
                Files.writeString(dir.resolve("cgroup.subtree_control"), controller);
            } catch (IOException e) {
                // already enabled, or delegated without it: the others still work
            }
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
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

        /** The group's directories: memory, cpu and pids on v1 (those mounted), the one on v2. */
        public List<Path> directories() {
            return dirs;
        }

        /** The {@code cgroup.procs} files a process writes its pid to, to join the group. */
        public List<Path> procsFiles() {
            return dirs.stream().map(d -> d.resolve("cgroup.procs")).toList();
        }

        /**
         * SIGKILL to every process in the group, again until none is left (a process forking while it is killed
         * adds new ones), for at most about a second.
         */
        public void killAll() {
            for (int round = 0; round < 20 && killRound() > 0; round++) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        /** The number of processes found (and sent SIGKILL) in one pass. */
        private int killRound() {
            int found = 0;
            for (Path procs : procsFiles()) {
                try {
                    for (String line : Files.readAllLines(procs)) {
                        if (!line.isBlank()) {
                            found++;
                            ProcessHandle.of(Long.parseLong(line.trim())).ifPresent(ProcessHandle::destroyForcibly);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // group already gone
                }
            }
            return found;
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
    }
}
