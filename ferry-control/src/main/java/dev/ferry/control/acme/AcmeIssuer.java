package dev.ferry.control.acme;

import dev.ferry.core.log.AppLogs;
import dev.ferry.core.log.LogLine;
import dev.ferry.core.store.AcmeHostStatus;
import dev.ferry.core.store.AcmeStore;
import dev.ferry.core.store.App;
import dev.ferry.core.store.AppHostNames;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.AppNotFound;
import dev.ferry.core.store.AppStore;
import dev.ferry.core.store.Certificate;
import dev.ferry.core.store.CertificateSource;
import dev.ferry.core.store.CertificateStore;
import dev.ferry.core.tls.CertificateCheck;
import dev.ferry.core.tls.Pem;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a certificate from the ACME CA on every app host ({@code <app>.<domain>}) and custom domain, on one thread
 * of its own. Every {@link AcmeConfig#checkInterval()} it reads the hosts (apps and domains); when they changed, or
 * when the earliest renewal or retry is due (at the latest every {@link AcmeConfig#sweepInterval()}), it sweeps:
 * a host that a user's certificate covers is left alone (ACME never replaces one); a host without an ACME
 * certificate, or whose certificate has less than {@link AcmeConfig#renewWhenRemaining()} of its lifetime left, is
 * ordered ({@link Http01Order}) once its DNS points at Ferry ({@link DnsCheck}; until then it waits for DNS, checked
 * again with {@link DnsCheckConfig#recheck()}). A success installs the certificate (named after its host) through the store, which
 * the routers read without a restart; a failure keeps whatever certificate served, records the host as failing
 * with an {@code acme.fail} event, writes a line to the app's log, and waits {@link AcmeConfig#retry()} before the
 * next try. Hosts under {@code .localhost} are never ordered: no CA can check them; nor are the hosts of an app that
 * ACME is off for ({@link AcmeStore#setAutoCertificates}), whose ACME certificates stay until they expire, nor hosts
 * that a certificate outside the store serves (the wildcard {@code *.<domain>}, {@link WildcardIssuer}), whose own
 * ACME certificates are then forgotten.
 */
public final class AcmeIssuer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AcmeIssuer.class);

    private final AcmeConfig config;
    private final AppStore apps;
    private final CertificateStore certificates;
    private final AcmeStore acme;
    private final AppHostNames hostNames;
    private final AppLogs logs;
    private final Clock clock;
    private final Http01Order orders;
    private final Predicate<String> servedElsewhere;
    private final DnsCheck dns;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ferry-acme");
        t.setDaemon(true);
        return t;
    });
    // Only touched on the issuer's thread.
    private Map<String, AppName> lastHosts = Map.of();
    private Set<AppName> lastOff = Set.of();
    private Instant nextSweep = Instant.MIN;

    public AcmeIssuer(AcmeConfig config, AppStore apps, CertificateStore certificates, AcmeStore acme,
                      AppHostNames hostNames, AppLogs logs, Clock clock) {
        this(config, apps, certificates, acme, hostNames, logs, clock, host -> false);
    }

    /** @param servedElsewhere true for a host that a certificate outside the store serves (the wildcard) */
    public AcmeIssuer(AcmeConfig config, AppStore apps, CertificateStore certificates, AcmeStore acme,
                      AppHostNames hostNames, AppLogs logs, Clock clock, Predicate<String> servedElsewhere) {
        this.servedElsewhere = servedElsewhere;
        this.config = config;
        this.apps = apps;
        this.certificates = certificates;
        this.acme = acme;
        this.hostNames = hostNames;
        this.logs = logs;
        this.clock = clock;
        this.orders = new Http01Order(config, new AcmeAccount(config), acme);
        this.dns = new DnsCheck(config.dns(), hostNames.domain(), NameResolver.of(config.dns().resolver()));
    }

    /** Starts looking at once, then every check interval. */
    public AcmeIssuer start() {
        log.info("ACME certificates from {}{}", config.directory(),
                config.email().map(e -> " for " + e).orElse(" (no contact e-mail)"));
        thread.scheduleWithFixedDelay(this::check, 0, config.checkInterval().toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Sweeps soon, whatever is due (after a user's certificate was removed, say). */
    public void wake() {
        thread.execute(() -> {
            nextSweep = Instant.MIN;
            check();
        });
    }

    private void check() {
        try {
            Map<String, AppName> hosts = hosts();
            Set<AppName> off = acme.appsWithoutAutoCertificates();
            if (!hosts.equals(lastHosts) || !off.equals(lastOff) || !clock.instant().isBefore(nextSweep)) {
                lastHosts = hosts;
                lastOff = off;
                nextSweep = sweep(hosts, off);
            }
        } catch (RuntimeException e) {
            log.warn("ACME: cannot look at the apps' certificates now: {}", e.toString());
        }
    }

    private Map<String, AppName> hosts() {
        Map<String, AppName> hosts = new LinkedHashMap<>();
        for (App app : apps.allApps()) {
            try {
                hostNames.of(app.name(), apps).forEach(h -> hosts.put(h.toLowerCase(Locale.ROOT), app.name()));
            } catch (AppNotFound gone) {
                // destroyed between the two reads
            }
        }
        hosts.keySet().removeIf(h -> h.equals("localhost") || h.endsWith(".localhost"));
        return hosts;
    }

    /**
     * Orders what is due, except for the apps in {@code off} (whose hosts are still theirs: their ACME certificates
     * stay until they expire); answers when the next thing will be.
     */
    private Instant sweep(Map<String, AppName> hosts, Set<AppName> off) {
        Instant now = clock.instant();
        Instant next = now.plus(config.sweepInterval());
        Map<String, AcmeHostStatus> statuses = new HashMap<>();
        acme.allStatuses().forEach(s -> statuses.put(s.app() + " " + s.host(), s));
        Map<AppName, List<Certificate>> certs = new HashMap<>();
        forgetFormerHosts(hosts, statuses.values(), certs);
        for (Map.Entry<String, AppName> e : hosts.entrySet()) {
            String host = e.getKey();
            AppName app = e.getValue();
            if (off.contains(app)) {
                continue;
            }
            List<Certificate> own;
            try {
                own = certs.computeIfAbsent(app, certificates::certificates);
            } catch (AppNotFound gone) {
                continue;
            }
            if (servedElsewhere.test(host) || own.stream().anyMatch(c -> c.source() == CertificateSource.USER && c.covers(host))) {
                if (own.stream().anyMatch(c -> c.source() == CertificateSource.ACME && c.name().equals(host))
                        || statuses.containsKey(app + " " + host)) {
                    acme.forgetHost(app, host); // a user's certificate (or the wildcard) took the host over
                }
                continue;
            }
            AcmeHostStatus status = statuses.get(app + " " + host);
            Instant due = own.stream().filter(c -> c.source() == CertificateSource.ACME && c.name().equals(host))
                    .findFirst().map(this::renewalTime).orElse(now);
            if (status != null && status.state() != AcmeHostStatus.State.VALID && status.nextAttemptAt().isAfter(due)) {
                due = status.nextAttemptAt();
            }
            Instant after = due.isAfter(now) ? due : issueOnceDnsPointsHere(app, host, Optional.ofNullable(status));
            next = after.isBefore(next) ? after : next;
        }
        return next;
    }

    /**
     * Forgets the ACME certificates and outcomes of hosts that are no longer their app's, and drops those
     * certificates from {@code certs}, which it fills with each app's certificates as read.
     */
    private void forgetFormerHosts(Map<String, AppName> hosts, Collection<AcmeHostStatus> statuses,
                                   Map<AppName, List<Certificate>> certs) {
        Map<AppName, Set<String>> former = new HashMap<>();
        statuses.stream().filter(s -> !s.app().equals(hosts.get(s.host())))
                .forEach(s -> former.computeIfAbsent(s.app(), a -> new HashSet<>()).add(s.host()));
        for (AppName app : new HashSet<>(hosts.values())) {
            try {
                List<Certificate> own = certificates.certificates(app);
                own.stream().filter(c -> c.source() == CertificateSource.ACME && !app.equals(hosts.get(c.name())))
                        .forEach(c -> former.computeIfAbsent(app, a -> new HashSet<>()).add(c.name()));
                certs.put(app, own.stream().filter(c -> c.source() != CertificateSource.ACME
                        || app.equals(hosts.get(c.name()))).toList());
            } catch (AppNotFound gone) {
                // destroyed meanwhile: its certificates went with it
            }
        }
        former.forEach((app, names) -> names.forEach(host -> {
            try {
                acme.forgetHost(app, host);
                log.info("ACME: forgot {} of {}, no longer one of its hosts", host, app);
            } catch (AppNotFound gone) {
                // destroyed meanwhile
            }
        }));
    }

    private Instant renewalTime(Certificate c) {
        long lifetime = c.notAfter().toEpochMilli() - c.notBefore().toEpochMilli();
        return c.notAfter().minusMillis((long) (lifetime * config.renewWhenRemaining()));
    }

    /**
     * Orders a certificate for {@code host} when its DNS points at Ferry; otherwise records it as waiting for DNS
     * (a line in the app's log the first time, no event: nothing failed) and answers when to check again.
     */
    private Instant issueOnceDnsPointsHere(AppName app, String host, Optional<AcmeHostStatus> before) {
        Optional<String> notHere = dns.whyNotPointingAtFerry(host);
        if (notHere.isEmpty()) {
            return issue(app, host, before);
        }
        Optional<AcmeHostStatus> waiting = before.filter(s -> s.state() == AcmeHostStatus.State.WAITING_DNS);
        int checks = waiting.map(AcmeHostStatus::failures).orElse(0) + 1;
        Instant now = clock.instant();
        Instant next = now.plus(config.dns().recheck().delay(checks - 1));
        try {
            acme.recordStatus(new AcmeHostStatus(app, host, AcmeHostStatus.State.WAITING_DNS, notHere.get(), checks,
                    next, now));
        } catch (RuntimeException gone) {
            log.debug("cannot record that {} waits for DNS: {}", host, gone.toString());
        }
        if (waiting.map(s -> !s.message().equals(notHere.get())).orElse(true)) {
            say(app, "ACME certificate for " + host + " waits for DNS: " + notHere.get() + "; checked again at " + next);
        }
        return next;
    }

    /** Orders a certificate for {@code host} and records the outcome; answers when to look at the host again. */
    private Instant issue(AppName app, String host, Optional<AcmeHostStatus> before) {
        Instant now = clock.instant();
        try {
            Http01Order.Issued issued = orders.order(host);
            // A CA may date a certificate from the second it signed it, a moment ahead of this clock.
            Instant notBefore = Pem.certificates(issued.chainPem()).getFirst().getNotBefore().toInstant();
            now = clock.instant().isBefore(notBefore) ? notBefore : clock.instant();
            Certificate c = CertificateCheck.check(app, host, issued.chainPem(), issued.privateKeyPem(), now);
            Certificate acmeCert = new Certificate(host, app, c.hostNames(), c.subject(), c.issuer(), c.notBefore(),
                    c.notAfter(), c.fingerprint(), c.chainPem(), now, CertificateSource.ACME);
            acme.putAcmeCertificate(acmeCert, issued.privateKeyPem());
            acme.recordStatus(new AcmeHostStatus(app, host, AcmeHostStatus.State.VALID, "issued by " + c.issuer()
                    + ", expires " + c.notAfter(), 0, now, now));
            say(app, "ACME certificate for " + host + " issued, expires " + c.notAfter());
            return renewalTime(acmeCert);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return now;
        } catch (AcmeOrderFailed | RuntimeException e) {
            int failures = before.filter(s -> s.state() == AcmeHostStatus.State.FAILING)
                    .map(AcmeHostStatus::failures).orElse(0) + 1;
            now = clock.instant();
            Instant retry = now.plus(config.retry().delay(failures - 1));
            String why = e instanceof AcmeOrderFailed ? e.getMessage() : e.toString();
            try {
                acme.recordStatus(new AcmeHostStatus(app, host, AcmeHostStatus.State.FAILING, why, failures, retry, now));
            } catch (RuntimeException gone) {
                log.debug("cannot record the ACME failure for {}: {}", host, gone.toString());
            }
            say(app, "ACME certificate for " + host + " failed (" + failures + " in a row; the current certificate"
                    + " keeps serving; next try at " + retry + "): " + why);
            log.warn("ACME certificate for {} of {} failed, next try at {}: {}", host, app, retry, why);
            return retry;
        }
    }

    private void say(AppName app, String text) {
        logs.append(new LogLine(clock.instant(), app, LogLine.FERRY, "acme", text));
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
