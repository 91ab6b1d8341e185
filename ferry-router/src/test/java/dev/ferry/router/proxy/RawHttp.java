package dev.ferry.router.proxy;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A deliberately plain HTTP/1.1 client over one socket, so tests control every byte they send. */
final class RawHttp implements AutoCloseable {

    record Response(int status, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        List<String> all(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    final Socket socket;
    final InputStream in;
    final OutputStream out;

    private RawHttp(int port, String localAddress) throws IOException {
        socket = localAddress == null ? new Socket("127.0.0.1", port)
                : new Socket(java.net.InetAddress.getByName("127.0.0.1"), port, java.net.InetAddress.getByName(localAddress), 0);
        socket.setSoTimeout(15_000);
        in = new BufferedInputStream(socket.getInputStream(), 65536);
        out = socket.getOutputStream();
    }

    static RawHttp connect(int port) {
        return connectFrom(port, null);
    }

    /** A connection from a given local address (another loopback address, e.g. 127.0.0.2, is another client). */
    static RawHttp connectFrom(int port, String localAddress) {
        try {
            return new RawHttp(port, localAddress);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One GET on a fresh connection. */
    static Response get(int port, String host, String path, String... headerLines) {
        try (RawHttp c = connect(port)) {
            c.send(request("GET", host, path, headerLines));
            return c.read();
        }
    }

    static String request(String method, String host, String path, String... headerLines) {
        StringBuilder sb = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        if (host != null) {
            sb.append("Host: ").append(host).append("\r\n");
        }
        for (String line : headerLines) {
            sb.append(line).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }

    void send(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the status line and headers only. */
    Response readHead() {
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
            return new Response(code, headers, new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a whole response: Content-Length, chunked, or until the connection closes. */
    Response read() {
        Response head = readHead();
        try {
            byte[] body;
            String length = head.header("content-length");
            if (head.status() < 200 || head.status() == 204 || head.status() == 304) {
                body = new byte[0];
            } else if (length != null) {
                body = in.readNBytes(Integer.parseInt(length));
            } else if ("chunked".equalsIgnoreCase(head.header("transfer-encoding"))) {
                body = readChunked();
            } else {
                body = in.readAllBytes();
            }
            return new Response(head.status(), head.headers(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one chunk of a chunked body; {@code null} at the last chunk. */
    byte[] readChunk() throws IOException {
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

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk;
        while ((chunk = readChunk()) != null) {
            body.write(chunk);
        }
        return body.toByteArray();
    }

    /** True when the peer closed the connection (EOF or reset) within the socket timeout. */
    boolean closedByPeer() {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    String line() throws IOException {
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
}
