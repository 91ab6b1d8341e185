package dev.ferry.router.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the HTTPS listener's certificates and per-host settings current: reads them from the {@link TlsSource} at
 * start, again after each change it reports (no restart), and every {@link TlsConfig#refreshInterval()} as a safety
 * net. A failed read keeps what was served. OCSP responses are fetched and stapled by an {@link OcspStapler}. The socket itself is bound by the router with the same pipeline as
 * HTTP behind an {@code SniHandler} ({@code ProxyInitializer}).
 */
public final class HttpsListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpsListener.class);

    private final TlsConfig config;
    private final TlsSource source;
    private final TlsEngine engine;
    private final SniCertificates certificates;
    private final TlsAlpnChallenges tlsAlpnChallenges;
    private final HttpsPolicies policies;
    private final OcspStapler stapler;
    // reloads read the store and parse certificates: never on an event loop
    private final ScheduledExecutorService reloader = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ferry-tls-reload");
        t.setDaemon(true);
        return t;
    });

    /**
     * @throws UncheckedIOException when the default certificate file cannot be read or written
     */
    public HttpsListener(TlsConfig config, TlsSource source, HttpsPolicies policies) {
        this.config = Objects.requireNonNull(config, "config");
        this.source = Objects.requireNonNull(source, "source");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.engine = new TlsEngine(config);
        DefaultCertificate fallback;
        try {
            fallback = DefaultCertificate.loadOrCreate(config.defaultCertificateFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.stapler = new OcspStapler(config.ocsp());
        this.certificates = new SniCertificates(engine,
                engine.serverContext(fallback.key(), List.of(fallback.certificate())), stapler);
        this.tlsAlpnChallenges = new TlsAlpnChallenges(engine, config);
    }

    public TlsConfig config() {
        return config;
    }

    public SniCertificates certificates() {
        return certificates;
    }

    /** The ACME TLS-ALPN-01 challenges answered for ALPN {@code acme-tls/1} ({@link AcmeTlsAlpnSniHandler}). */
    public TlsAlpnChallenges tlsAlpnChallenges() {
        return tlsAlpnChallenges;
    }

    /** Loads the certificates, subscribes to changes and schedules the periodic reload. */
    public void start() {
        log.info("HTTPS uses {}; OCSP stapling {}", engine.describe(), !config.ocsp().enabled() ? "off"
                : engine.staples() ? "on for certificates that name a responder" : "off (this engine cannot staple)");
        reload();
        source.onChange(this::reload);
        long every = config.refreshInterval().toMillis();
        reloader.scheduleWithFixedDelay(this::reload, every, every, TimeUnit.MILLISECONDS);
    }

    /** Reads the certificates and settings again; on failure keeps serving the last ones. */
    public synchronized void reload() {
        try {
            certificates.refresh(source.certificates());
            policies.refresh(source.settingsByHost());
            policies.challenges(source.challengeAnswers());
            tlsAlpnChallenges.refresh(source.tlsAlpnChallenges());
        } catch (RuntimeException e) {
            log.warn("cannot read the certificates, still serving the last ones: {}", e.toString());
        }
    }

    @Override
    public void close() {
        reloader.shutdownNow();
        stapler.close();
    }
}
