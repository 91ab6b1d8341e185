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
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A JDK TLS client for tests: connects to a loopback port, sends the SNI name it is given (or none), records the
 * certificate the server presented and the protocol negotiated, and sends one HTTP/1.1 request with
 * {@code Connection: close}. It trusts any certificate on purpose: tests assert which certificate came.
 */
public final class TlsClient {

    /** What a handshake and request gave. */
    public record Result(X509Certificate peer, String protocol, String response) {
        public int status() {
            return Integer.parseInt(response.substring(9, 12));
        }
    }

    private TlsClient() {
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

    private static final class TrustAll implements X509TrustManager {
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
