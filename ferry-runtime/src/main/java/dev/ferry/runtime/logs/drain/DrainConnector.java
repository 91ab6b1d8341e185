package dev.ferry.runtime.logs.drain;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Opens a drain's connection: resolves and checks the host with the {@link DrainAddressPolicy} now, at connect
 * time, and connects to one of exactly those addresses (so DNS cannot switch it to another between the check and
 * the connection); with TLS, the certificate is checked against the host name of the URL.
 */
final class DrainConnector {

    private final DrainAddressPolicy policy;
    private final int timeoutMs;

    DrainConnector(DrainAddressPolicy policy, int timeoutMs) {
        this.policy = policy;
        this.timeoutMs = timeoutMs;
    }

    /**
     * A connected socket to {@code host:port}, TLS-wrapped and handshaken when {@code tls} is not null.
     *
     * @throws IOException when the host is refused (the policy's sentence) or no address answers
     */
    Socket open(String host, int port, SSLContext tls) throws IOException {
        List<InetAddress> addresses;
        try {
            addresses = policy.addressesFor(host, port);
        } catch (IllegalArgumentException e) {
            throw new DrainTargetRefused(e.getMessage());
        }
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        IOException last = new IOException("no address for " + name);
        for (InetAddress address : addresses) {
            Socket plain = new Socket();
            try {
                plain.connect(new InetSocketAddress(address, port), timeoutMs);
                plain.setKeepAlive(true);
                if (tls == null) {
                    return plain;
                }
                SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(plain, name, port, true);
                SSLParameters params = secure.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                secure.setSSLParameters(params);
                secure.setSoTimeout(timeoutMs);
                secure.startHandshake();
                return secure;
            } catch (IOException e) {
                plain.close();
                last = e;
            }
        }
        throw last;
    }
}
