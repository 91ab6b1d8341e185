package dev.ferry.cli.usage;

import java.util.Locale;

/** Byte counts for people: {@code 512 B}, {@code 1.5 KiB}, {@code 3.2 MiB}, {@code 1.0 GiB}. */
final class Bytes {

    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

    private Bytes() {
    }

    static String of(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
