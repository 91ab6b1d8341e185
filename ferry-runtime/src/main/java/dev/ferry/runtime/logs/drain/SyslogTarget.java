package dev.ferry.runtime.logs.drain;

import dev.ferry.core.log.LogLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * A {@code syslog://} or {@code syslog+tls://} drain: one TCP connection (TLS with the host name checked
 * against the certificate) carrying octet-counted RFC 5424 frames ({@link SyslogMessage}), opened by the
 * {@link DrainConnector} to an address checked at that moment.
 */
final class SyslogTarget implements DrainTarget {

    private final String host;
    private final int port;
    private final SSLContext tls;
    private final DrainConnector connector;
    private Socket socket;
    private OutputStream out;

    /** @param tls null for plain TCP */
    SyslogTarget(String host, int port, SSLContext tls, DrainConnector connector) {
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.connector = connector;
    }

    @Override
    public void send(List<LogLine> batch) throws IOException {
        if (socket != null && peerClosed()) {
            close();
        }
        if (socket == null) {
            connect();
        }
        out.write(SyslogMessage.frames(batch));
        out.flush();
    }

    private void connect() throws IOException {
        Socket s = connector.open(host, port, tls);
        socket = s;
        out = s.getOutputStream();
    }

    /**
     * A receiver that restarted closed our connection; the first write after that would still succeed and lose
     * its lines, so look for the end of the stream first (a receiver never sends anything).
     */
    private boolean peerClosed() {
        try {
            socket.setSoTimeout(1);
            InputStream in = socket.getInputStream();
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public boolean lingers() {
        return false;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // already broken
            }
        }
        socket = null;
        out = null;
    }
}
