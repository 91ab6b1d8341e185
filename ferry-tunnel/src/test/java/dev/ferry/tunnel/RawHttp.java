package dev.ferry.tunnel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A small HTTP/1.1 client over a plain socket, so tests can name any Host (names under {@code localhost} do
 * not resolve here) and stream large bodies both ways. One request per connection.
 */
final class RawHttp {

    record Response(int status, Map<String, String> headers, String body, long bodyBytes, String bodySha) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    static Response get(int port, String host, String path) throws IOException {
        return send(port, host, "GET", path, -1);
    }

    /** Sends {@code bodyBytes} pattern bytes; {@code -1} for no body. */
    static Response send(int port, String host, String method, String path, long bodyBytes) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            String head = method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n"
                    + (bodyBytes >= 0 ? "Content-Length: " + bodyBytes + "\r\n" : "") + "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            if (bodyBytes > 0) {
                Pattern.write(out, bodyBytes);
            }
            out.flush();
            return read(s.getInputStream());
        }
    }

    static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l; !(l = line(in)).isEmpty(); ) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Digest d = new Digest();
        ByteArrayOutputStream small = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        String cl = headers.get("content-length");
        long left = cl != null ? Long.parseLong(cl) : Long.MAX_VALUE;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                break;
            }
            d.update(buf, n);
            if (small.size() < 65536) {
                small.write(buf, 0, Math.min(n, 65536 - small.size()));
            }
            left -= n;
        }
        return new Response(status, headers, small.toString(StandardCharsets.UTF_8), d.count(), d.hex());
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c; (c = in.read()) >= 0; ) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }
}
