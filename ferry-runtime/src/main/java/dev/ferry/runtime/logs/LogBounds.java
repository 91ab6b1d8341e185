package dev.ferry.runtime.logs;

/**
 * The bounds of {@link DiskAppLogs}.
 *
 * @param maxLines           lines kept per app, in memory and (at least) on disk; default 1,500
 * @param maxBytes           bytes of kept lines per app, whichever bound comes first; default 1 MiB
 * @param followerQueueLines lines waiting for one slow follower before newer ones are dropped; default 1,000
 * @param writeQueueLines    lines waiting for the disk writer before newer ones are kept in memory only;
 *                           default 50,000
 */
public record LogBounds(int maxLines, long maxBytes, int followerQueueLines, int writeQueueLines) {

    public static final LogBounds DEFAULT = new LogBounds(1_500, 1024 * 1024, 1_000, 50_000);

    public LogBounds {
        if (maxLines < 1 || maxBytes < 1 || followerQueueLines < 1 || writeQueueLines < 1) {
            throw new IllegalArgumentException("log bounds must be positive: " + maxLines + " lines, " + maxBytes
                    + " bytes, " + followerQueueLines + " follower lines, " + writeQueueLines + " write lines");
        }
    }
}
