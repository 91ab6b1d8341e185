package dev.ferry.runtime.logs.drain;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;

/** A syslog receiver on 127.0.0.1 that reads RFC 6587 octet-counted frames, over TCP or TLS. */
final class SyslogReceiver implements AutoCloseable {

    final List<String> messages = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();

    /** @param port 0 for any; tls null for plain TCP */
    SyslogReceiver(int port, SSLContext tls) throws IOException {
        server = tls == null ? new ServerSocket() : tls.getServerSocketFactory().createServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    int accepted() {
        return clients.size();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                clients.add(s);
                Thread.ofVirtual().start(() -> read(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void read(Socket s) {
        try (DataInputStream in = new DataInputStream(s.getInputStream())) {
            while (true) {
                int length = 0;
                int b;
                while ((b = in.read()) != ' ') {
                    if (b < '0' || b > '9') {
                        throw new EOFException("not an octet count: " + b);
                    }
                    length = length * 10 + (b - '0');
                }
                byte[] msg = new byte[length];
                in.readFully(msg);
                messages.add(new String(msg, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the sender went away or the receiver stopped
        }
    }

    /** Parses frames out of a body, for the HTTP receiver. */
    static List<String> frames(byte[] body) {
        List<String> out = new java.util.ArrayList<>();
        int i = 0;
        while (i < body.length) {
            int space = i;
            while (body[space] != ' ') {
                space++;
            }
            int length = Integer.parseInt(new String(body, i, space - i, StandardCharsets.US_ASCII));
            ByteArrayOutputStream msg = new ByteArrayOutputStream();
            msg.write(body, space + 1, length);
            out.add(msg.toString(StandardCharsets.UTF_8));
            i = space + 1 + length;
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : clients) {
            s.close();
        }
    }
}
