package dev.ferry.control.acme;

import dev.ferry.core.dns.DnsProvider;
import dev.ferry.core.store.AcmeStore;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Certificate;
import dev.ferry.core.store.CertificateSource;
import dev.ferry.core.store.ServingCertificate;
import dev.ferry.core.tls.CertificateCheck;
import dev.ferry.core.tls.Pem;
import dev.ferry.core.work.Leases;
import java.time.Clock;
import java.time.Duration;
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
 * {@link DnsProvider} ({@link Dns01Order}), on a thread of its own: every {@link AcmeConfig#checkInterval()} it reads
 * the platform's certificate {@code *.<domain>} from the {@link AcmeStore} and orders one when it is missing or has
 * less than {@link AcmeConfig#renewWhenRemaining()} of its lifetime left and no retry is pending. On a store shared by
 * several control nodes only the holder of the {@link Leases lease} {@value #LEASE} orders (the others read what it
 * stored); without leases (SQLite) this process is the only one. A new certificate passes {@link CertificateCheck}
 * before it replaces the stored one, its key sealed like every certificate key, with an {@code acme.issue} event on no
 * app; the store's change listeners then wake the routers, which serve it for every app's default host that has no
 * certificate of its own. A failure changes nothing that serves: it is counted with its reason (the DNS server's
 * refusal, the CA's words) as the certificate's last failure and an {@code acme.fail} event, and the next try waits
 * {@link AcmeConfig#retry()}.
 */
public final class WildcardIssuer implements AutoCloseable {

    /** The lease that names the one control node ordering the wildcard. */
    public static final String LEASE = "acme-wildcard";
    /** The owner the wildcard certificate carries in place of an app: a name no app can take (no {@code --}). */
    public static final AppName OWNER = new AppName("ferry--wildcard");

    private static final Logger log = LoggerFactory.getLogger(WildcardIssuer.class);

    private final AcmeConfig config;
    private final String domain;
    private final DnsProvider dns;
    private final AcmeStore store;
    private final Optional<Leases> leases;
    private final String holder;
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

    /**
     * @param leases the store's leases when several control nodes may share it (PostgreSQL), empty otherwise
     * @param holder this node's name in the lease
     */
    public WildcardIssuer(AcmeConfig config, String domain, DnsProvider dns, AcmeStore store, Optional<Leases> leases,
                          String holder, Clock clock) {
        this.config = config;
        this.domain = domain;
        this.dns = dns;
        this.store = store;
        this.leases = leases;
        this.holder = holder;
        this.clock = clock;
        this.orders = new Dns01Order(config, new AcmeAccount(config), dns, config.orderTimeout());
        Optional<Certificate> found = Optional.empty();
        try {
            found = stored();
        } catch (RuntimeException e) {
            // The first check reads it again, and orders nothing while the store cannot be read.
            log.warn("ACME wildcard: cannot read the certificate from the store yet: {}", e.toString());
        }
        this.current = found;
    }

    /** {@code *.<domain>}, the certificate's name in the store. */
    public static String nameFor(String domain) {
        return "*." + domain;
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
            current = stored();
            Instant now = clock.instant();
            Instant due = current.filter(c -> now.isBefore(c.notAfter())).map(this::renewalTime).orElse(now);
            if (now.isBefore(due) || now.isBefore(retryAt) || !leading()) {
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
            Certificate c = CertificateCheck.check(OWNER, nameFor(domain), issued.chainPem(),
                    issued.privateKeyPem(), now);
            Certificate acme = new Certificate(c.name(), OWNER, c.hostNames(), c.subject(), c.issuer(), c.notBefore(),
                    c.notAfter(), c.fingerprint(), c.chainPem(), c.addedAt(), CertificateSource.ACME);
            store.putPlatformCertificate(acme, issued.privateKeyPem(), "ACME wildcard certificate for "
                    + String.join(", ", names) + " issued by " + c.issuer() + ", expires " + c.notAfter());
            current = Optional.of(acme);
            failures = 0;
            retryAt = Instant.MIN;
            log.info("ACME wildcard certificate for *.{} issued, expires {}", domain, c.notAfter());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (AcmeOrderFailed | RuntimeException e) {
            failures++;
            retryAt = clock.instant().plus(config.retry().delay(failures - 1));
            String why = e instanceof AcmeOrderFailed ? e.getMessage() : e.toString();
            String text = "ACME wildcard certificate for *." + domain + " failed (" + failures + " in a row; the"
                    + " current certificate keeps serving; next try at " + retryAt + "): " + why;
            try {
                store.recordPlatformFailure(nameFor(domain), text);
            } catch (RuntimeException unrecorded) {
                log.debug("cannot record the wildcard failure: {}", unrecorded.toString());
            }
            log.warn(text);
        }
    }

    private Optional<Certificate> stored() {
        return store.platformCertificate(nameFor(domain)).map(ServingCertificate::certificate);
    }

    /** Whether this node may order: always without leases, else while it holds {@value #LEASE}. */
    private boolean leading() {
        if (leases.isEmpty()) {
            return true;
        }
        Duration ttl = config.orderTimeout().plus(config.checkInterval()).plus(Duration.ofMinutes(1));
        boolean held = leases.get().hold(LEASE, holder, ttl);
        if (!held) {
            log.debug("ACME wildcard: another control node holds the lease {} and orders", LEASE);
        }
        return held;
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
        leases.ifPresent(l -> {
            try {
                l.release(LEASE, holder);
            } catch (RuntimeException e) {
                log.debug("cannot give up the lease {} (it expires): {}", LEASE, e.toString());
            }
        });
    }
}
