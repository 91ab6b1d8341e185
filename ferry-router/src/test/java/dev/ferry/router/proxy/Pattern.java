package dev.ferry.router.proxy;

import io.netty.buffer.ByteBuf;
import java.util.Random;

/**
 * Deterministic test bytes in blocks of {@value #BLOCK}: each block starts with its index, then a fixed
 * random body, so a lost, repeated or reordered block changes the checksum.
 */
final class Pattern {

    static final int BLOCK = 64 * 1024;
    private static final byte[] BASE = new byte[BLOCK];

    static {
        new Random(42).nextBytes(BASE);
    }

    private Pattern() {
    }

    /** Writes block {@code index}, cut to {@code n} bytes. */
    static void fill(ByteBuf buf, long index, int n) {
        byte[] block = block(index);
        buf.writeBytes(block, 0, n);
    }

    static byte[] block(long index) {
        byte[] b = BASE.clone();
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (index >>> (56 - 8 * i));
        }
        return b;
    }
}
