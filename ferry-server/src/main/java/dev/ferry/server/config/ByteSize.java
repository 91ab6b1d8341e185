package dev.ferry.server.config;

import java.util.Locale;

/** Reads sizes written as people write them: {@code 512m}, {@code 1g}, {@code 100k}, {@code 1048576} (bytes). */
final class ByteSize {

    private ByteSize() {
    }

    /**
     * The number of bytes; suffixes {@code k}, {@code m}, {@code g} (optionally followed by {@code b} or
     * {@code ib}) are powers of 1024.
     *
     * @throws IllegalArgumentException with the end of a sentence saying what is expected
     */
    static long parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.endsWith("ib")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("b")) {
            s = s.substring(0, s.length() - 1);
        }
        long unit = 1;
        if (!s.isEmpty()) {
            switch (s.charAt(s.length() - 1)) {
                case 'k' -> unit = 1024L;
                case 'm' -> unit = 1024L * 1024;
                case 'g' -> unit = 1024L * 1024 * 1024;
                default -> unit = 1;
            }
        }
        String digits = unit == 1 ? s : s.substring(0, s.length() - 1).strip();
        if (digits.isEmpty() || digits.length() > 12 || !digits.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("is not a size such as 512m, 1g, 100k or a number of bytes");
        }
        long n = Long.parseLong(digits);
        if (n < 1) {
            throw new IllegalArgumentException("must be at least 1 byte");
        }
        return Math.multiplyExact(n, unit);
    }
}
