package dev.ferry.runtime.local;

import dev.ferry.runtime.sandbox.NetworkMode;
import dev.ferry.runtime.sandbox.SandboxMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the {@link LocalRuntime}; build with {@link #builder(Path)}. Every default is written next to its
 * builder field; tests shorten the durations.
 *
 * @param runtimeDir where releases are unpacked and instances run; default {@code <data-dir>/runtime}
 * @param bootTimeout how long a new instance may take to become healthy; default 60 s
 * @param drainTimeout the longest wait for a deregistered web instance's connections to end; default 30 s
 * @param drainGrace the wait after deregistering, for the route change to reach routers; default 2 s
 * @param stopGrace time between SIGTERM and SIGKILL; default 30 s
 * @param routeTtl TTL of a web instance's endpoint registration; default 30 s
 * @param routeRefresh how often registrations are refreshed (well within the TTL); default 10 s
 * @param restartBackoffMax the longest wait before restarting a crashed instance; default 5 min (the first
 *     restart is at once, then 1 s, 2 s, 4 s … doubling)
 * @param restartBackoffFirst the second restart's wait, doubled for each later one; default 1 s
 * @param backoffResetAfter an instance up this long gets its backoff reset; default 10 min
 * @param nonWebUptime a non-web instance still running after this long is healthy; default 1 s
 * @param livenessInterval how often a web instance without a declared liveness check is probed; default 10 s
 * @param releaseTimeout the longest a {@code release}, {@code predeploy} or {@code postdeploy} command may run;
 *     default 10 min
 * @param sandboxMode default {@link SandboxMode#AUTO}
 * @param memoryLimitBytes memory limit per instance when cgroups are writable; default 512 MiB
 * @param cpuShares cgroup v1 {@code cpu.shares} per instance (v2 {@code cpu.weight} is derived); default 1024
 * @param cgroupRoot where cgroup file systems are mounted; default {@code /sys/fs/cgroup}
 * @param cgroupName the parent group of every app's groups ({@code <name>/<app>/<instance>}); default
 *     {@code ferry}
 * @param firstAppUid when Ferry runs as root, apps run as uid/gid {@code firstAppUid + n}; default 100000
 * @param extraReadOnlyPaths host directories shown read-only in the sandbox besides the system dirs and the
 *     runtimes found on the PATH; default none
 * @param networkMode default {@link NetworkMode#AUTO}: an own network namespace per sandboxed process when pasta
 *     works here
 * @param routerPorts host loopback ports a process in its own network namespace may still connect to (at the same
 *     port on its own loopback): the router's published ports; default none
 * @param pidsLimit the most processes (and threads) one instance may hold at once, with cgroups; default 512
 * @param pidsLimitByType a pids limit per process type (e.g. {@code worker=2048}) over {@code pidsLimit}; default none
 * @param tmpSizeBytes the size of an instance's {@code /tmp} (a tmpfs, counted in its memory); default 64 MiB
 * @param buildMemoryLimitBytes memory limit of one build (all its commands together); default 1 GiB
 * @param buildPidsLimit the most processes one build may hold at once; default 512
 * @param buildTmpSizeBytes the size of a build command's {@code /tmp}; default 256 MiB
 * @param appDiskLimitBytes the most an instance may hold in {@code /app} (its copy of the slug and what it
 *     writes); checked every {@code diskCheckInterval}, an instance over it is restarted on a fresh copy, and no
 *     single file may grow beyond it; default 1 GiB
 * @param diskCheckInterval how often an instance's {@code /app} is measured; default 5 s
 */
public record LocalRuntimeConfig(Path runtimeDir, Duration bootTimeout, Duration drainTimeout, Duration drainGrace,
                                 Duration stopGrace, Duration routeTtl, Duration routeRefresh,
                                 Duration restartBackoffFirst, Duration restartBackoffMax, Duration backoffResetAfter,
                                 Duration nonWebUptime, Duration livenessInterval, Duration releaseTimeout,
                                 SandboxMode sandboxMode, long memoryLimitBytes, int cpuShares, Path cgroupRoot,
                                 String cgroupName, int firstAppUid, List<Path> extraReadOnlyPaths,
                                 NetworkMode networkMode, List<Integer> routerPorts,
                                 int pidsLimit, Map<String, Integer> pidsLimitByType, long tmpSizeBytes,
                                 long buildMemoryLimitBytes, int buildPidsLimit, long buildTmpSizeBytes,
                                 long appDiskLimitBytes, Duration diskCheckInterval) {

    public LocalRuntimeConfig {
        Objects.requireNonNull(runtimeDir, "runtimeDir");
        for (Duration d : List.of(bootTimeout, drainTimeout, drainGrace, stopGrace, routeTtl, routeRefresh,
                restartBackoffFirst, restartBackoffMax, backoffResetAfter, nonWebUptime, livenessInterval,
                releaseTimeout)) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("runtime durations must be zero or more");
            }
        }
        if (routeRefresh.isZero() || routeRefresh.compareTo(routeTtl) >= 0) {
            throw new IllegalArgumentException("route refresh " + routeRefresh + " must be above 0 and below the TTL "
                    + routeTtl);
        }
        Objects.requireNonNull(sandboxMode, "sandboxMode");
        if (memoryLimitBytes < 4L * 1024 * 1024) {
            throw new IllegalArgumentException("memory limit must be at least 4 MiB, got " + memoryLimitBytes);
        }
        if (cpuShares < 2 || cpuShares > 262144) {
            throw new IllegalArgumentException("cpu shares must be 2 to 262144, got " + cpuShares);
        }
        Objects.requireNonNull(cgroupRoot, "cgroupRoot");
        if (cgroupName == null || !cgroupName.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException("cgroup name '" + cgroupName + "' must be one path segment of letters,"
                    + " digits, '.', '_' or '-'");
        }
        if (firstAppUid < 1000) {
            throw new IllegalArgumentException("first app uid must be 1000 or more, got " + firstAppUid);
        }
        extraReadOnlyPaths = List.copyOf(extraReadOnlyPaths);
        Objects.requireNonNull(networkMode, "networkMode");
        routerPorts = List.copyOf(routerPorts);
        for (int p : routerPorts) {
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("router port must be 1 to 65535, got " + p);
            }
        }
        pidsLimitByType = Map.copyOf(pidsLimitByType);
        for (var e : pidsLimitByType.entrySet()) {
            checkPids("process type " + e.getKey(), e.getValue());
        }
        checkPids("instance", pidsLimit);
        checkPids("build", buildPidsLimit);
        if (buildMemoryLimitBytes < 4L * 1024 * 1024) {
            throw new IllegalArgumentException("build memory limit must be at least 4 MiB, got " + buildMemoryLimitBytes);
        }
        if (tmpSizeBytes < 1024 * 1024 || buildTmpSizeBytes < 1024 * 1024) {
            throw new IllegalArgumentException("a /tmp size must be at least 1 MiB");
        }
        if (appDiskLimitBytes < 1024 * 1024) {
            throw new IllegalArgumentException("the /app disk limit must be at least 1 MiB, got " + appDiskLimitBytes);
        }
        if (diskCheckInterval == null || diskCheckInterval.isNegative() || diskCheckInterval.isZero()) {
            throw new IllegalArgumentException("the disk check interval must be positive");
        }
    }

    private static void checkPids(String what, int n) {
        if (n < 8 || n > 4_194_304) {
            throw new IllegalArgumentException("the pids limit of an " + what + " must be 8 to 4194304, got " + n);
        }
    }

    /** The pids limit of an instance of {@code processType}: its override, else {@link #pidsLimit()}. */
    public int pidsLimitOf(String processType) {
        return pidsLimitByType.getOrDefault(processType, pidsLimit);
    }

    /** A builder with every default, for a platform whose data directory is {@code dataDir}. */
    public static Builder builder(Path dataDir) {
        return new Builder(dataDir.resolve("runtime"));
    }

    /** Builds a {@link LocalRuntimeConfig}; each field starts at its documented default. */
    public static final class Builder {
        private Path runtimeDir;
        private Duration bootTimeout = Duration.ofSeconds(60);
        private Duration drainTimeout = Duration.ofSeconds(30);
        private Duration drainGrace = Duration.ofSeconds(2);
        private Duration stopGrace = Duration.ofSeconds(30);
        private Duration routeTtl = Duration.ofSeconds(30);
        private Duration routeRefresh = Duration.ofSeconds(10);
        private Duration restartBackoffFirst = Duration.ofSeconds(1);
        private Duration restartBackoffMax = Duration.ofMinutes(5);
        private Duration backoffResetAfter = Duration.ofMinutes(10);
        private Duration nonWebUptime = Duration.ofSeconds(1);
        private Duration livenessInterval = Duration.ofSeconds(10);
        private Duration releaseTimeout = Duration.ofMinutes(10);
        private SandboxMode sandboxMode = SandboxMode.AUTO;
        private long memoryLimitBytes = 512L * 1024 * 1024;
        private int cpuShares = 1024;
        private Path cgroupRoot = Path.of("/sys/fs/cgroup");
        private String cgroupName = "ferry";
        private int firstAppUid = 100_000;
        private List<Path> extraReadOnlyPaths = List.of();
        private NetworkMode networkMode = NetworkMode.AUTO;
        private List<Integer> routerPorts = List.of();
        private int pidsLimit = 512;
        private Map<String, Integer> pidsLimitByType = Map.of();
        private long tmpSizeBytes = 64L * 1024 * 1024;
        private long buildMemoryLimitBytes = 1024L * 1024 * 1024;
        private int buildPidsLimit = 512;
        private long buildTmpSizeBytes = 256L * 1024 * 1024;
        private long appDiskLimitBytes = 1024L * 1024 * 1024;
        private Duration diskCheckInterval = Duration.ofSeconds(5);

        private Builder(Path runtimeDir) {
            this.runtimeDir = runtimeDir;
        }

        public Builder runtimeDir(Path v) { runtimeDir = v; return this; }
        public Builder bootTimeout(Duration v) { bootTimeout = v; return this; }
        public Builder drainTimeout(Duration v) { drainTimeout = v; return this; }
        public Builder drainGrace(Duration v) { drainGrace = v; return this; }
        public Builder stopGrace(Duration v) { stopGrace = v; return this; }
        public Builder routeTtl(Duration v) { routeTtl = v; return this; }
        public Builder routeRefresh(Duration v) { routeRefresh = v; return this; }
        public Builder restartBackoffFirst(Duration v) { restartBackoffFirst = v; return this; }
        public Builder restartBackoffMax(Duration v) { restartBackoffMax = v; return this; }
        public Builder backoffResetAfter(Duration v) { backoffResetAfter = v; return this; }
        public Builder nonWebUptime(Duration v) { nonWebUptime = v; return this; }
        public Builder livenessInterval(Duration v) { livenessInterval = v; return this; }
        public Builder releaseTimeout(Duration v) { releaseTimeout = v; return this; }
        public Builder sandboxMode(SandboxMode v) { sandboxMode = v; return this; }
        public Builder memoryLimitBytes(long v) { memoryLimitBytes = v; return this; }
        public Builder cpuShares(int v) { cpuShares = v; return this; }
        public Builder cgroupRoot(Path v) { cgroupRoot = v; return this; }
        public Builder cgroupName(String v) { cgroupName = v; return this; }
        public Builder firstAppUid(int v) { firstAppUid = v; return this; }
        public Builder extraReadOnlyPaths(List<Path> v) { extraReadOnlyPaths = v; return this; }
        public Builder networkMode(NetworkMode v) { networkMode = v; return this; }
        public Builder routerPorts(List<Integer> v) { routerPorts = v; return this; }
        public Builder pidsLimit(int v) { pidsLimit = v; return this; }
        public Builder pidsLimitByType(Map<String, Integer> v) { pidsLimitByType = v; return this; }
        public Builder tmpSizeBytes(long v) { tmpSizeBytes = v; return this; }
        public Builder buildMemoryLimitBytes(long v) { buildMemoryLimitBytes = v; return this; }
        public Builder buildPidsLimit(int v) { buildPidsLimit = v; return this; }
        public Builder buildTmpSizeBytes(long v) { buildTmpSizeBytes = v; return this; }
        public Builder appDiskLimitBytes(long v) { appDiskLimitBytes = v; return this; }
        public Builder diskCheckInterval(Duration v) { diskCheckInterval = v; return this; }

        public LocalRuntimeConfig build() {
            return new LocalRuntimeConfig(runtimeDir, bootTimeout, drainTimeout, drainGrace, stopGrace, routeTtl,
                    routeRefresh, restartBackoffFirst, restartBackoffMax, backoffResetAfter, nonWebUptime,
                    livenessInterval, releaseTimeout, sandboxMode, memoryLimitBytes, cpuShares, cgroupRoot,
                    cgroupName, firstAppUid, extraReadOnlyPaths, networkMode, routerPorts, pidsLimit, pidsLimitByType,
                    tmpSizeBytes, buildMemoryLimitBytes, buildPidsLimit, buildTmpSizeBytes, appDiskLimitBytes,
                    diskCheckInterval);
        }
    }
}
