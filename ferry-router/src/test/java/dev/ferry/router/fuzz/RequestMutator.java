package dev.ferry.router.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Makes the bytes of one fuzz case from a {@link Random}: a valid request of a few shapes (GET, POST with
 * a length, chunked POST, WebSocket upgrade, pipelined pairs) with zero to three mutations applied. The
 * same seed gives the same bytes.
 */
final class RequestMutator {

    private static final String HOST = FuzzRoutes.HOST;
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH",
            "CONNECT", "TRACE", "PRI", "G\0ET", "get", "X".repeat(300), "", " ", "GET GET", "\u00e9");
    private static final List<String> TARGETS = List.of("/", "*", "http://app.fuzz/x", "//", "/%%", "/%00",
            "/a?b=" + "c".repeat(9000), "/\u00ff", "/a b", "", "/..%2f..", "h://[::1", "/?\r\n");

    private final Random random;

    RequestMutator(Random random) {
        this.random = random;
    }

    /** The bytes of the next case. */
    byte[] next() {
        byte[] base = switch (random.nextInt(6)) {
            case 0 -> ascii("GET /x HTTP/1.1\r\nHost: " + HOST + "\r\nAccept: */*\r\n\r\n");
            case 1 -> ascii("POST /upload HTTP/1.1\r\nHost: " + HOST + "\r\nContent-Length: 11\r\n\r\nhello world");
            case 2 -> ascii("POST /c HTTP/1.1\r\nHost: " + HOST + "\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n6;x=y\r\n world\r\n0\r\nTrailer: t\r\n\r\n");
            case 3 -> ascii("GET /ws HTTP/1.1\r\nHost: " + HOST + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            case 4 -> ascii(("GET /p HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n").repeat(2 + random.nextInt(4)));
            default -> ascii(method() + " " + target() + " HTTP/1." + random.nextInt(3) + "\r\nHost: " + HOST + "\r\n\r\n");
        };
        int mutations = random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            base = mutate(base);
        }
        return base;
    }

    private byte[] mutate(byte[] in) {
        return switch (random.nextInt(12)) {
            case 0 -> flipBits(in);
            case 1 -> insert(in, new byte[] {(byte) "\r\n\0".charAt(random.nextInt(3))});
            case 2 -> insert(in, ascii("\r\n".repeat(1 + random.nextInt(3))));
            case 3 -> cut(in);
            case 4 -> in.length == 0 ? in : java.util.Arrays.copyOf(in, random.nextInt(in.length));
            case 5 -> header(in, "Content-Length: " + pick(List.of("99999999999999999999", "-1", "0", "5", "100000",
                    "1, 2", "0x10", " 7 ", "")));
            case 6 -> header(in, "Transfer-Encoding: " + pick(List.of("chunked", "gzip, chunked", "chunked, identity",
                    "xchunked", "")));
            case 7 -> concat(in, ascii(pick(List.of("ffffffffffffffff\r\nabc", "zz\r\n", "64\r\nshort\r\n",
                    "-1\r\n\r\n", "0\r\n", "5\r\nhello"))));
            case 8 -> concat(in, randomBytes(1 + random.nextInt(200)));
            case 9 -> header(in, pick(List.of("X-Big: " + "x".repeat(20_000), "Host: other.fuzz", "Host:", " folded: yes",
                    "Connection: close", "Expect: 100-continue", "Upgrade: h2c", "X-Forwarded-For: \0")));
            case 10 -> concat(in, ascii("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));
            default -> replaceAll(in, s -> s.replace("HTTP/1.1", pick(List.of("HTTP/1.0", "HTTP/2.0", "HTTP/9.9", "http/1.1", ""))));
        };
    }

    private byte[] flipBits(byte[] in) {
        byte[] out = in.clone();
        for (int i = 0, n = 1 + random.nextInt(5); i < n && out.length > 0; i++) {
            out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return out;
    }

    private byte[] insert(byte[] in, byte[] what) {
        int at = random.nextInt(in.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(in, 0, at);
        out.writeBytes(what);
        out.write(in, at, in.length - at);
        return out.toByteArray();
    }

    private byte[] cut(byte[] in) {
        if (in.length < 2) {
            return in;
        }
        int from = random.nextInt(in.length - 1);
        int to = from + 1 + random.nextInt(Math.min(40, in.length - from - 1) + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(in, 0, from);
        out.write(in, Math.min(to, in.length), in.length - Math.min(to, in.length));
        return out.toByteArray();
    }

    /** Adds a header line right after the request line (or at the start when there is none). */
    private byte[] header(byte[] in, String line) {
        String s = new String(in, StandardCharsets.ISO_8859_1);
        int eol = s.indexOf("\r\n");
        return eol < 0 ? concat(ascii(line + "\r\n"), in)
                : ascii(s.substring(0, eol + 2) + line + "\r\n" + s.substring(eol + 2));
    }

    private byte[] replaceAll(byte[] in, Function<String, String> change) {
        return ascii(change.apply(new String(in, StandardCharsets.ISO_8859_1)));
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private String method() {
        return random.nextInt(4) == 0 ? new String(randomBytes(1 + random.nextInt(8)), StandardCharsets.ISO_8859_1) : pick(METHODS);
    }

    private String target() {
        return pick(TARGETS);
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
