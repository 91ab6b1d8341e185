package dev.ferry.build;

/** Sizes in the messages pushers read, such as the limits a push or its files went over. */
public final class ByteCount {

    private ByteCount() {
    }

    /** {@code 512 MiB}, {@code 16 KiB}, {@code 1000 bytes}: exact, never rounded. */
    public static String show(long bytes) {
        if (bytes % (1024L * 1024 * 1024) == 0) {
            return bytes / (1024L * 1024 * 1024) + " GiB";
        }
        if (bytes % (1024L * 1024) == 0) {
            return bytes / (1024L * 1024) + " MiB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }
}
