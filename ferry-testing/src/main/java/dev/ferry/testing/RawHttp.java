package dev.ferry.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately plain HTTP/1.1 client over one socket, so tests control every byte they send and can name any
 * {@code Host} (names under {@code localhost} do not resolve here): heads as written, bodies read whole
 * ({@link #read}) or streamed and digested without being kept ({@link #readStreamed}, for bodies of gigabytes).
 * Used by the router's and the tunnel's tests.
 */
public final class RawHttp implements AutoCloseable {

    /** The first bytes of a streamed body that {@link #readStreamed} keeps. */
    public static final int KEPT_BYTES = 64 * 1024;

    /**
     * A response. {@code body} is the whole body from {@link #read}, its first {@value #KEPT_BYTES} bytes from
     * {@link #readStreamed}; {@code bodyBytes} and {@code bodySha256} are always of the whole body.
     */
    public record Response(int status, Map<String, List<String>> headers, byte[] body, long bodyBytes,
                           String bodySha256) {

        /** The first value of a header (any case); {@code null} when absent. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        /** Every value of a header, in order. */
        public List<String> all(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        /** The (kept) body as UTF-8 text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawHttp(Socket socket, InputStream in) throws IOException {
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
    }

    /** A connection to {@code 127.0.0.1:port}; reads time out after 60 s. */
    public static RawHttp connect(int port) {
        return connectFrom(port, null);
    }

    /** A connection from a given local address (another loopback address, e.g. 127.0.0.2, is another client). */
    public static RawHttp connectFrom(int port, String localAddress) {
        try {
            Socket socket = localAddress == null ? new Socket("127.0.0.1", port)
                    : new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(localAddress), 0);
            socket.setSoTimeout(60_000);
            return new RawHttp(socket, new BufferedInputStream(socket.getInputStream(), 65536));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Responses read from a socket the test holds, one at a time and without reading ahead, so the same socket
     * can be read again after each; closing the result closes the socket.
     */
    public static RawHttp over(Socket socket) {
        try {
            return new RawHttp(socket, socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One GET on a fresh connection, its body read whole. */
    public static Response get(int port, String host, String path, String... headerLines) {
        try (RawHttp c = connect(port)) {
            c.send(request("GET", host, path, headerLines));
            return c.read();
        }
    }

    /** One GET on a fresh connection that closes after it, its body streamed ({@link #readStreamed}). */
    public static Response getStreamed(int port, String host, String path) {
        try (RawHttp c = connect(port)) {
            c.send(request("GET", host, path, "Connection: close"));
            return c.readStreamed();
        }
    }

    /** A request head: the request line, {@code Host} unless {@code host} is null, the given lines, the blank line. */
    public static String request(String method, String host, String path, String... headerLines) {
        StringBuilder sb = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        if (host != null) {
            sb.append("Host: ").append(host).append("\r\n");
        }
        for (String line : headerLines) {
            sb.append(line).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }

    /** The socket's output, for bodies written by the test. */
    public OutputStream out() {
        return out;
    }

    /** The socket's input, for bytes the test reads itself. */
    public InputStream in() {
        return in;
    }

    /** Writes {@code text} as ISO-8859-1 bytes and flushes. */
    public void send(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the status line and headers only. */
    public Response readHead() {
        try {
            String status = line();
            if (status == null) {
                throw new IOException("connection closed before a response");
            }
            int code = Integer.parseInt(status.split(" ")[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            String l;
            while ((l = line()) != null && !l.isEmpty()) {
                int colon = l.indexOf(':');
                headers.computeIfAbsent(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(l.substring(colon + 1).trim());
            }
            return new Response(code, headers, new byte[0], 0, sha256(new byte[0]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a whole response: Content-Length, chunked, or until the connection closes. */
    public Response read() {
        Response head = readHead();
        try {
            byte[] body;
            String length = head.header("content-length");
            if (!hasBody(head)) {
                body = new byte[0];
            } else if (length != null) {
                body = in.readNBytes(Integer.parseInt(length));
            } else if (chunked(head)) {
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                for (byte[] chunk; (chunk = readChunk()) != null; ) {
                    all.write(chunk);
                }
                body = all.toByteArray();
            } else {
                body = in.readAllBytes();
            }
            return new Response(head.status(), head.headers(), body, body.length, sha256(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a response whose body may be large: Content-Length or until the connection closes (chunked bodies:
     * use {@link #read}), keeping its first {@value #KEPT_BYTES} bytes and the length and SHA-256 of all of it.
     */
    public Response readStreamed() {
        Response head = readHead();
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            String length = head.header("content-length");
            long left = !hasBody(head) ? 0 : length != null ? Long.parseLong(length) : Long.MAX_VALUE;
            long total = 0;
            byte[] buf = new byte[64 * 1024];
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    break;
                }
                digest.update(buf, 0, n);
                kept.write(buf, 0, (int) Math.min(n, Math.max(0, KEPT_BYTES - kept.size())));
                total += n;
                left -= n;
            }
            return new Response(head.status(), head.headers(), kept.toByteArray(), total,
                    HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Reads one chunk of a chunked body; {@code null} at the last chunk (its trailers read too). */
    public byte[] readChunk() throws IOException {
        String size = line();
        int n = Integer.parseInt(size.split(";")[0].trim(), 16);
        if (n == 0) {
            while (!line().isEmpty()) {
                // trailers
            }
            return null;
        }
        byte[] chunk = in.readNBytes(n);
        line();
        return chunk;
    }

    /** True when the peer closed the connection (EOF or reset) within the socket timeout. */
    public boolean closedByPeer() {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** One line without its CRLF (or LF); {@code null} at the end of the stream. */
    public String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a test socket
        }
    }

    private static boolean hasBody(Response head) {
        return head.status() >= 200 && head.status() != 204 && head.status() != 304;
    }

    private static boolean chunked(Response head) {
        return "chunked".equalsIgnoreCase(head.header("transfer-encoding"));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
