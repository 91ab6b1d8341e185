package dev.ferry.router.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * Builds the server contexts of the HTTPS listener with one engine for the router's life: OpenSSL (BoringSSL
 * through netty-tcnative) when its native library loads, else the JDK's own. Both accept only
 * {@link TlsConfig#protocols()} and {@link TlsConfig#ciphers()}, and both offer {@code h2} then {@code http/1.1}
 * by ALPN (a client that offers neither gets HTTP/1.1).
 */
public final class TlsEngine {

    private static final ApplicationProtocolConfig ALPN = new ApplicationProtocolConfig(
            ApplicationProtocolConfig.Protocol.ALPN,
            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
            ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1);

    private final SslProvider provider;
    private final TlsConfig config;

    public TlsEngine(TlsConfig config) {
        this(config, OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK);
    }

    TlsEngine(TlsConfig config, SslProvider provider) {
        this.config = config;
        this.provider = provider;
    }

    /** What runs TLS, for the start-up log: {@code BoringSSL (...)} or {@code the JDK's engine}. */
    public String describe() {
        if (provider == SslProvider.OPENSSL) {
            return "OpenSSL engine " + OpenSsl.versionString() + " through netty-tcnative";
        }
        Throwable why = OpenSsl.unavailabilityCause();
        return "the JDK's TLS engine (netty-tcnative did not load: " + (why == null ? "not on the class path"
                : why.getMessage()) + ")";
    }

    /**
     * Whether this engine staples OCSP responses Ferry fetched: OpenSSL's can be handed one per connection; the JDK's
     * engine can only staple what it fetches itself, inside the handshake, so Ferry leaves its stapling off.
     */
    public boolean staples() {
        return provider == SslProvider.OPENSSL && OpenSsl.isOcspSupported();
    }

    SslProvider provider() {
        return provider;
    }

    /**
     * A server context for {@code key} and {@code chain} (leaf first).
     *
     * @throws IllegalArgumentException when the engine refuses the key or the chain
     */
    public SslContext serverContext(PrivateKey key, List<X509Certificate> chain) {
        try {
            return SslContextBuilder.forServer(key, chain.toArray(X509Certificate[]::new))
                    .sslProvider(provider)
                    .enableOcsp(staples())
                    .protocols(config.protocols())
                    .ciphers(config.ciphers(), SupportedCipherSuiteFilter.INSTANCE)
                    .applicationProtocolConfig(ALPN)
                    .build();
        } catch (SSLException | RuntimeException e) {
            throw new IllegalArgumentException("the TLS engine refused the certificate: " + e.getMessage(), e);
        }
    }
}
