package dev.ferry.control.acme;

import dev.ferry.core.dns.DnsProvider;
import dev.ferry.core.store.AcmeStore;
import dev.ferry.core.store.Certificate;
import dev.ferry.core.store.EventAction;
import dev.ferry.core.store.ServingCertificate;
import dev.ferry.core.tls.CertificateCheck;
import dev.ferry.core.tls.Pem;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one certificate for {@code *.<domain>} and {@code <domain>} from the ACME CA, proved over DNS-01 through a
 * {@link DnsProvider} ({@link Dns01Order}), on a thread of its own: every {@link AcmeConfig#checkInterval()} it looks
 * whether the certificate in the {@link WildcardCertificateFile} is missing or has less than
 * {@link AcmeConfig#renewWhenRemaining()} of its lifetime left, and orders one when it is and no retry is pending.
 * A new certificate passes {@link CertificateCheck} before it replaces the file; then an {@code acme.issue} event
 * (on no app) wakes the routers of this process, which serve it for every app's default host that has no certificate
 * of its own. A failure changes nothing that serves: it records an {@code acme.fail} event with the reason (the DNS
 * server's refusal, the CA's words) and waits {@link AcmeConfig#retry()} before the next try.
 */
public final class WildcardIssuer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WildcardIssuer.class);

    private final AcmeConfig config;
    private final String domain;
    private final DnsProvider dns;
    private final WildcardCertificateFile file;
    private final AcmeStore events;
    private final Clock clock;
    private final Dns01Order orders;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ferry-acme-wildcard");
        t.setDaemon(true);
        return t;
    });
    private volatile Optional<Certificate> current;
    // Only touched on the issuer's thread.
    private int failures;
    private Instant retryAt = Instant.MIN;

    public WildcardIssuer(AcmeConfig config, String domain, DnsProvider dns, WildcardCertificateFile file,
                          AcmeStore events, Clock clock) {
        this.config = config;
        this.domain = domain;
        this.dns = dns;
        this.file = file;
        this.events = events;
        this.clock = clock;
        this.orders = new Dns01Order(config, new AcmeAccount(config), dns, config.orderTimeout());
        this.current = file.read().map(ServingCertificate::certificate);
    }

    /** Starts looking at once, then every check interval. */
    public WildcardIssuer start() {
        log.info("ACME wildcard certificate for *.{} over DNS-01 through {}", domain, dns.describe());
        thread.scheduleWithFixedDelay(this::check, 0, config.checkInterval().toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * True when the wildcard certificate in place is valid now and covers {@code host} (one label under the domain):
     * such a host needs no certificate of its own.
     */
    public boolean covers(String host) {
        Instant now = clock.instant();
        return current.filter(c -> c.covers(host) && now.isBefore(c.notAfter())).isPresent();
    }

    private void check() {
        try {
            current = file.read().map(ServingCertificate::certificate);
            Instant now = clock.instant();
            Instant due = current.map(this::renewalTime).orElse(now);
            if (now.isBefore(due) || now.isBefore(retryAt)) {
                return;
            }
            issue();
        } catch (RuntimeException e) {
            log.warn("ACME wildcard: cannot look at the certificate now: {}", e.toString());
        }
    }

    private void issue() {
        List<String> names = List.of("*." + domain, domain);
        try {
            Http01Order.Issued issued = orders.order(names);
            Instant notBefore = Pem.certificates(issued.chainPem()).getFirst().getNotBefore().toInstant();
            Instant now = clock.instant().isBefore(notBefore) ? notBefore : clock.instant();
            Certificate c = CertificateCheck.check(WildcardCertificateFile.OWNER, file.name(), issued.chainPem(),
                    issued.privateKeyPem(), now);
            file.write(issued.chainPem(), issued.privateKeyPem());
            current = Optional.of(c);
            failures = 0;
            retryAt = Instant.MIN;
            events.recordWildcardEvent(EventAction.ACME_ISSUE, "ACME wildcard certificate for "
                    + String.join(", ", names) + " issued by " + c.issuer() + ", expires " + c.notAfter());
            log.info("ACME wildcard certificate for *.{} issued, expires {}", domain, c.notAfter());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (AcmeOrderFailed | IOException | RuntimeException e) {
            failures++;
            retryAt = clock.instant().plus(config.retry().delay(failures - 1));
            String why = e instanceof AcmeOrderFailed ? e.getMessage() : e.toString();
            String text = "ACME wildcard certificate for *." + domain + " failed (" + failures + " in a row; the"
                    + " current certificate keeps serving; next try at " + retryAt + "): " + why;
            try {
                events.recordWildcardEvent(EventAction.ACME_FAIL, text);
            } catch (RuntimeException unrecorded) {
                log.debug("cannot record the wildcard failure: {}", unrecorded.toString());
            }
            log.warn(text);
        }
    }

    private Instant renewalTime(Certificate c) {
        long lifetime = c.notAfter().toEpochMilli() - c.notBefore().toEpochMilli();
        return c.notAfter().minusMillis((long) (lifetime * config.renewWhenRemaining()));
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
