package dev.ferry.runtime.sandbox;

/**
 * The limits of one cgroup of {@link Cgroups}: an instance's or a build's.
 *
 * @param memoryBytes memory limit (instances: 512 MiB by default)
 * @param cpuShares v1 {@code cpu.shares}, from which the v2 {@code cpu.weight} is derived (1024 by default)
 * @param pids the most processes and threads the group may hold at once ({@link #DEFAULT_PIDS}); a
 *     {@code fork} beyond it fails with {@code EAGAIN}
 */
public record CgroupLimits(long memoryBytes, int cpuShares, int pids) {
    public static final int DEFAULT_PIDS = 512;

    public CgroupLimits {
        if (pids < 1) {
            throw new IllegalArgumentException("a pids limit must be at least 1, got " + pids);
        }
    }

    /** These limits with another pids limit. */
    public CgroupLimits withPids(int n) {
        return new CgroupLimits(memoryBytes, cpuShares, n);
    }
}
