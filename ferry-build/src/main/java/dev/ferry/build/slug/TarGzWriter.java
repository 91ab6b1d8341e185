package dev.ferry.build.slug;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a directory as a reproducible gzipped POSIX tar: entries sorted by path, modification time 0,
 * owner 0:0, modes 0755 for directories and executables and 0644 for other files; symbolic links are kept as
 * links (npm makes some), never followed. Names longer than ustar allows get a PAX {@code path} header.
 */
public final class TarGzWriter {

    private static final int BLOCK = 512;

    private TarGzWriter() {
    }

    /** Writes {@code root}'s content (not {@code root} itself) to {@code out}, which is left open. */
    public static void write(Path root, OutputStream out) throws IOException {
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(root)) {
            entries = new ArrayList<>(walk.filter(p -> !p.equals(root)).toList());
        }
        entries.sort((a, b) -> name(root, a).compareTo(name(root, b)));
        GZIPOutputStream gz = new GZIPOutputStream(new NonClosing(out), 64 * 1024);
        for (Path p : entries) {
            String name = name(root, p);
            if (Files.isSymbolicLink(p)) {
                header(gz, name, 0777, 0, '2', Files.readSymbolicLink(p).toString());
            } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                header(gz, name + "/", 0755, 0, '5', "");
            } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                long size = Files.size(p);
                header(gz, name, Files.isExecutable(p) ? 0755 : 0644, size, '0', "");
                try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
                    long copied = in.transferTo(gz);
                    if (copied != size) {
                        throw new IOException(name + " changed while it was packed");
                    }
                }
                pad(gz, size);
            }
        }
        gz.write(new byte[BLOCK * 2]);
        gz.finish();
        gz.flush();
    }

    private static String name(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    private static void header(OutputStream out, String name, int mode, long size, char type, String link) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] linkBytes = link.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 100 || linkBytes.length > 100) {
            StringBuilder pax = new StringBuilder();
            if (nameBytes.length > 100) {
                pax.append(paxRecord("path", name));
            }
            if (linkBytes.length > 100) {
                pax.append(paxRecord("linkpath", link));
            }
            byte[] body = pax.toString().getBytes(StandardCharsets.UTF_8);
            out.write(block("PaxHeader", 0644, body.length, 'x', ""));
            out.write(body);
            pad(out, body.length);
        }
        out.write(block(name, mode, size, type, link));
    }

    private static byte[] block(String name, int mode, long size, char type, String link) {
        byte[] h = new byte[BLOCK];
        put(h, 0, 100, truncate(name, 100));
        put(h, 100, 8, octal(mode, 7));
        put(h, 108, 8, octal(0, 7));
        put(h, 116, 8, octal(0, 7));
        put(h, 124, 12, octal(size, 11));
        put(h, 136, 12, octal(0, 11));
        h[156] = (byte) type;
        put(h, 157, 100, truncate(link, 100));
        put(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(h, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, 8, (String.format("%06o", sum) + "\0 ").getBytes(StandardCharsets.US_ASCII));
        return h;
    }

    private static String paxRecord(String key, String value) {
        int body = (" " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8).length;
        int length = body + String.valueOf(body).length();
        if (String.valueOf(length).length() != String.valueOf(body).length()) {
            length++;
        }
        return length + " " + key + "=" + value + "\n";
    }

    private static byte[] truncate(String s, int max) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return b.length <= max ? b : java.util.Arrays.copyOf(b, max);
    }

    private static byte[] octal(long value, int digits) {
        return (String.format("%0" + digits + "o", value) + "\0").getBytes(StandardCharsets.US_ASCII);
    }

    private static void put(byte[] h, int offset, int length, byte[] value) {
        System.arraycopy(value, 0, h, offset, Math.min(length, value.length));
    }

    private static void pad(OutputStream out, long size) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            out.write(new byte[BLOCK - rest]);
        }
    }

    /** Lets the gzip stream finish without closing the caller's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
