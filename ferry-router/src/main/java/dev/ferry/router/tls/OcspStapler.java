package dev.ferry.router.tls;

import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an OCSP response for each served certificate that names a responder, for the handshakes to staple. A
 * certificate is fetched for as soon as it is {@link #track tracked}, then again halfway between the response's
 * {@code thisUpdate} and {@code nextUpdate} (or {@link OcspConfig#withoutNextUpdate()} after a response without
 * one), so a fresh response is in hand well before the old one expires. A failed fetch keeps the last response while
 * it is still valid, logs once (until a fetch succeeds again) and is retried after {@link OcspConfig#retry()}.
 * Handshakes only read the cache ({@link #staple}); they never wait for a responder. Fetches run on one thread of
 * the stapler's own.
 */
public final class OcspStapler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OcspStapler.class);

    /** One tracked certificate: what to ask, and what the responder last answered. */
    private static final class Entry {
        final String label;
        final X509Certificate leaf;
        final X509Certificate issuer;
        final URI responder;
        volatile OcspClient.Answer answer;
        volatile Instant fetchedAt;
        int failures;
        ScheduledFuture<?> next;

        Entry(String label, X509Certificate leaf, X509Certificate issuer, URI responder) {
            this.label = label;
            this.leaf = leaf;
            this.issuer = issuer;
            this.responder = responder;
        }
    }

    private final OcspConfig config;
    private final OcspClient client;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final ScheduledExecutorService fetcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ferry-ocsp");
        t.setDaemon(true);
        return t;
    });

    public OcspStapler(OcspConfig config) {
        this(config, Clock.systemUTC());
    }

    OcspStapler(OcspConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.client = new OcspClient(config.fetchTimeout(), clock);
    }

    /**
     * Starts keeping a response for the certificate of {@code fingerprint} when stapling is on, its leaf names an OCSP
     * responder and the chain holds its issuer; answers whether it does. Tracking one already tracked changes nothing.
     *
     * @param chain leaf first, then its issuer
     */
    public boolean track(String fingerprint, String label, List<X509Certificate> chain) {
        if (!config.enabled() || chain.size() < 2) {
            return false;
        }
        if (entries.containsKey(fingerprint)) {
            return true;
        }
        Optional<URI> responder = OcspClient.responderOf(chain.get(0));
        if (responder.isEmpty()) {
            return false;
        }
        Entry entry = new Entry(label, chain.get(0), chain.get(1), responder.get());
        if (entries.putIfAbsent(fingerprint, entry) == null) {
            schedule(fingerprint, entry, Duration.ZERO);
        }
        return true;
    }

    /** Stops fetching for the certificates not in {@code fingerprints}, and forgets their responses. */
    public void retain(Set<String> fingerprints) {
        entries.entrySet().removeIf(e -> {
            if (fingerprints.contains(e.getKey())) {
                return false;
            }
            synchronized (e.getValue()) {
                if (e.getValue().next != null) {
                    e.getValue().next.cancel(false);
                }
            }
            return true;
        });
    }

    /**
     * The DER-encoded OCSP response to staple for the certificate of {@code fingerprint}, or null when there is none
     * that is still valid. Reads a field: called on the event loop for each handshake.
     */
    public byte[] staple(String fingerprint) {
        Entry entry = entries.get(fingerprint);
        OcspClient.Answer answer = entry == null ? null : entry.answer;
        if (answer == null) {
            return null;
        }
        Instant now = clock.instant();
        Instant until = answer.nextUpdate() != null ? answer.nextUpdate() : entry.fetchedAt.plus(config.withoutNextUpdate());
        return now.isBefore(until) ? answer.der() : null;
    }

    private void schedule(String fingerprint, Entry entry, Duration in) {
        synchronized (entry) {
            if (entries.get(fingerprint) != entry || fetcher.isShutdown()) {
                return;
            }
            entry.next = fetcher.schedule(() -> fetch(fingerprint, entry), Math.max(0, in.toMillis()),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void fetch(String fingerprint, Entry entry) {
        if (entries.get(fingerprint) != entry) {
            return;
        }
        try {
            OcspClient.Answer answer = client.fetch(entry.responder, entry.leaf, entry.issuer);
            Instant now = clock.instant();
            entry.fetchedAt = now;
            entry.answer = answer;
            if (entry.failures > 0) {
                log.info("OCSP response for {} fetched again from {}: {}", entry.label, entry.responder, answer.status());
            } else if (!answer.status().equals("good")) {
                log.warn("the OCSP responder {} says certificate {} is {}; stapling its answer",
                        entry.responder, entry.label, answer.status());
            }
            entry.failures = 0;
            schedule(fingerprint, entry, refreshIn(answer, now));
        } catch (IOException | RuntimeException e) {
            Duration wait = config.retry().delay(Math.min(entry.failures, 30));
            if (entry.failures == 0) {
                log.warn("no OCSP response for {}{}: {}; trying again in {} s", entry.label,
                        entry.answer == null ? " is stapled" : " fetched (the last one is stapled while valid)",
                        e.getMessage(), wait.toMillis() / 1000.0);
            } else {
                log.debug("OCSP fetch for {} failed again: {}", entry.label, e.getMessage());
            }
            entry.failures++;
            schedule(fingerprint, entry, wait);
        }
    }

    /** Halfway through the response's validity, or {@link OcspConfig#withoutNextUpdate()} without a nextUpdate. */
    Duration refreshIn(OcspClient.Answer answer, Instant now) {
        if (answer.nextUpdate() == null) {
            return config.withoutNextUpdate();
        }
        Instant from = answer.thisUpdate().isAfter(now) ? now : answer.thisUpdate();
        Instant halfway = from.plus(Duration.between(from, answer.nextUpdate()).dividedBy(2));
        Duration in = Duration.between(now, halfway);
        return in.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : in;
    }

    @Override
    public void close() {
        fetcher.shutdownNow();
        client.close();
    }
}
