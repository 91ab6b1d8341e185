package dev.ferry.router.http1;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Writes a number's decimal digits straight into a buffer, with no {@code String} in between. */
final class Digits {

    private Digits() {
    }

    /** Appends {@code number} in decimal, with a leading {@code -} when negative. */
    static void write(long number, ByteBuf out) {
        if (number < 0) {
            if (number == Long.MIN_VALUE) {
                out.writeBytes(Long.toString(number).getBytes(StandardCharsets.US_ASCII));
                return;
            }
            out.writeByte('-');
            number = -number;
        }
        long scale = 1;
        while (scale <= number / 10) {
            scale *= 10;
        }
        for (; scale > 0; scale /= 10) {
            out.writeByte((int) ('0' + number / scale % 10));
        }
    }
}
