package dev.ferry.control.certs;

import dev.ferry.core.api.AutoCertificateHostInfo;
import dev.ferry.core.api.AutoCertificatesInfo;
import dev.ferry.core.store.AcmeHostStatus;
import dev.ferry.core.store.AcmeStore;
import dev.ferry.core.store.AppHostNames;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.AppStore;
import dev.ferry.core.store.Certificate;
import dev.ferry.core.store.CertificateSource;
import dev.ferry.core.store.CertificateStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each host of an app stands with certificates over ACME ({@code ferry certs:auto}), read from the store: the
 * app's hosts, its certificates and the issuer's last outcome for each host, in the order the issuer decides (a
 * user's certificate first, then the app's switch, then the outcome).
 */
final class AutoCertificateStatuses {

    private final AppStore apps;
    private final CertificateStore certificates;
    private final AcmeStore acme;
    private final AppHostNames hostNames;
    private final boolean issuerRunning;

    AutoCertificateStatuses(AppStore apps, CertificateStore certificates, AcmeStore acme, AppHostNames hostNames,
                            boolean issuerRunning) {
        this.apps = apps;
        this.certificates = certificates;
        this.acme = acme;
        this.hostNames = hostNames;
        this.issuerRunning = issuerRunning;
    }

    AutoCertificatesInfo of(AppName app) {
        boolean enabled = acme.autoCertificates(app);
        List<Certificate> own = certificates.certificates(app);
        Map<String, AcmeHostStatus> outcomes = new HashMap<>();
        acme.statuses(app).forEach(s -> outcomes.put(s.host(), s));
        List<AutoCertificateHostInfo> hosts = new ArrayList<>();
        for (String host : hostNames.of(app, apps.domains(app))) {
            hosts.add(host(host, enabled, own, Optional.ofNullable(outcomes.get(host))));
        }
        return new AutoCertificatesInfo(enabled, issuerRunning, hosts);
    }

    private static AutoCertificateHostInfo host(String host, boolean enabled, List<Certificate> own,
                                                Optional<AcmeHostStatus> outcome) {
        Optional<Certificate> users = own.stream()
                .filter(c -> c.source() == CertificateSource.USER && c.covers(host)).findFirst();
        if (users.isPresent()) {
            return new AutoCertificateHostInfo(host, "user", "your certificate " + users.get().name() + " covers it;"
                    + " ACME leaves it alone", users.get().notAfter().toString(), null);
        }
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return new AutoCertificateHostInfo(host, "never", "no CA can check a .localhost name", null, null);
        }
        String expires = own.stream().filter(c -> c.source() == CertificateSource.ACME && c.name().equals(host))
                .findFirst().map(c -> c.notAfter().toString()).orElse(null);
        if (!enabled) {
            return new AutoCertificateHostInfo(host, "disabled", expires == null ? "ACME is off for the app"
                    : "ACME is off for the app; its ACME certificate serves until it expires", expires, null);
        }
        if (outcome.isEmpty()) {
            return new AutoCertificateHostInfo(host, expires == null ? "pending" : "issued", null, expires, null);
        }
        AcmeHostStatus s = outcome.get();
        return switch (s.state()) {
            case VALID -> new AutoCertificateHostInfo(host, expires == null ? "pending" : "issued", s.message(),
                    expires, null);
            case FAILING -> new AutoCertificateHostInfo(host, "failing", s.message(), expires,
                    s.nextAttemptAt().toString());
            case WAITING_DNS -> new AutoCertificateHostInfo(host, "waiting_dns", s.message(), expires,
                    s.nextAttemptAt().toString());
        };
    }
}
