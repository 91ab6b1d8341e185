package dev.ferry.router.tls;

import dev.ferry.core.store.ServingCertificate;
import dev.ferry.core.tls.Pem;
import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SNI map of the HTTPS listener: which server context answers a ClientHello's name. An exact name wins over a
 * wildcard ({@code *.example.com} covers one more label); no name, or one no certificate covers, gets the default
 * certificate (and then Ferry's 404 page, unless a route exists). The map is an immutable snapshot swapped whole
 * by {@link #refresh}; lookups on the event loops never lock. Contexts are kept by fingerprint across refreshes, so
 * an unchanged certificate is not parsed again. A certificate that names an OCSP responder gets a context that staples
 * the {@link OcspStapler}'s response, when the engine can ({@link TlsEngine#staples()}).
 */
public final class SniCertificates implements Mapping<String, SslContext> {

    private static final Logger log = LoggerFactory.getLogger(SniCertificates.class);

    private record Snapshot(Map<String, SslContext> exact, Map<String, SslContext> wildcard,
                            Map<String, SslContext> byFingerprint) {
    }

    private final TlsEngine engine;
    private final SslContext fallback;
    private final OcspStapler stapler;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of(), Map.of());

    /** @param fallback the default certificate's context */
    public SniCertificates(TlsEngine engine, SslContext fallback) {
        this(engine, fallback, new OcspStapler(OcspConfig.OFF));
    }

    /**
     * @param fallback the default certificate's context
     * @param stapler  keeps the OCSP responses of the certificates that name a responder
     */
    public SniCertificates(TlsEngine engine, SslContext fallback, OcspStapler stapler) {
        this.engine = engine;
        this.fallback = fallback;
        this.stapler = stapler;
    }

    @Override
    public SslContext map(String serverName) {
        if (serverName == null || serverName.isEmpty()) {
            return fallback;
        }
        String name = serverName.toLowerCase(Locale.ROOT);
        Snapshot s = snapshot;
        SslContext exact = s.exact.get(name);
        if (exact != null) {
            return exact;
        }
        int dot = name.indexOf('.');
        SslContext wild = dot > 0 ? s.wildcard.get(name.substring(dot + 1)) : null;
        return wild != null ? wild : fallback;
    }

    /** The default certificate's context. */
    public SslContext fallback() {
        return fallback;
    }

    /**
     * Replaces the map with one built from {@code certificates}. Where two cover the same name, the one that expires
     * last wins. A certificate the engine refuses is left out with a warning; the others still serve.
     */
    public synchronized void refresh(List<ServingCertificate> certificates) {
        Snapshot old = snapshot;
        Map<String, SslContext> exact = new HashMap<>();
        Map<String, SslContext> wildcard = new HashMap<>();
        Map<String, SslContext> byFingerprint = new HashMap<>();
        List<ServingCertificate> ordered = certificates.stream()
                .sorted(Comparator.comparing(c -> c.certificate().notAfter())).toList();
        for (ServingCertificate served : ordered) {
            var cert = served.certificate();
            SslContext context = old.byFingerprint.get(cert.fingerprint());
            if (context == null) {
                try {
                    List<X509Certificate> chain = Pem.certificates(cert.chainPem());
                    context = engine.serverContext(Pem.privateKey(served.privateKeyPem()), chain);
                    if (engine.staples() && stapler.track(cert.fingerprint(), cert.name(), chain)) {
                        context = new StaplingSslContext(context, stapler, cert.fingerprint());
                    }
                } catch (IllegalArgumentException e) {
                    log.warn("certificate {} of {} is not served: {}", cert.name(), cert.app(), e.getMessage());
                    continue;
                }
            }
            byFingerprint.put(cert.fingerprint(), context);
            for (String host : cert.hostNames()) {
                if (host.startsWith("*.")) {
                    wildcard.put(host.substring(2), context);
                } else {
                    exact.put(host, context);
                }
            }
        }
        snapshot = new Snapshot(Map.copyOf(exact), Map.copyOf(wildcard), Map.copyOf(byFingerprint));
        stapler.retain(byFingerprint.keySet());
        log.debug("SNI map: {} names, {} wildcards, {} certificates", exact.size(), wildcard.size(), byFingerprint.size());
    }
}
