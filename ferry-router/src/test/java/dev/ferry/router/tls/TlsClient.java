package dev.ferry.router.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A JDK TLS client for tests: connects to a loopback port, sends the SNI name it is given (or none), records the
 * certificate the server presented and the protocol negotiated, and sends one HTTP/1.1 request with
 * {@code Connection: close}; or only shakes hands, offering the ALPN protocols it is given. It trusts any certificate
 * on purpose (a self-signed ACME challenge certificate too): tests assert which certificate came.
 */
public final class TlsClient {

    /** What a handshake and request gave. */
    public record Result(X509Certificate peer, String protocol, String response) {
        public int status() {
            return Integer.parseInt(response.substring(9, 12));
        }
    }

    /** What a handshake alone gave: the server's certificate and the ALPN protocol chosen (empty if none). */
    public record Handshake(X509Certificate peer, String protocol) {
    }

    private TlsClient() {
    }

    /** A handshake with {@code sni}, offering the {@code alpn} protocols (none if empty), then closed. */
    public static Handshake handshake(int port, String sni, String... alpn) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            SSLParameters params = socket.getSSLParameters();
            params.setServerNames(List.of(new SNIHostName(sni)));
            params.setApplicationProtocols(alpn);
            socket.setSSLParameters(params);
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return new Handshake((X509Certificate) socket.getSession().getPeerCertificates()[0],
                    socket.getApplicationProtocol());
        }
    }

    public static Result get(int port, String sni, String host, String path) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            plain.setSoTimeout(10_000);
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, "127.0.0.1", port, false);
            SSLParameters params = tls.getSSLParameters();
            params.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
            tls.setSSLParameters(params);
            tls.startHandshake();
            X509Certificate peer = (X509Certificate) tls.getSession().getPeerCertificates()[0];
            String protocol = tls.getSession().getProtocol();
            tls.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            tls.getOutputStream().flush();
            return new Result(peer, protocol, readAll(tls.getInputStream()));
        }
    }

    static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** Extended, so that the JDK adds no check of its own (such as the key's algorithm constraints) around it. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
