package dev.ferry.server.tls;

import dev.ferry.control.acme.WildcardIssuer;
import dev.ferry.core.store.AcmeStore;
import dev.ferry.core.store.AppDataCleanup;
import dev.ferry.core.store.AppHostNames;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.AppStore;
import dev.ferry.core.store.Certificate;
import dev.ferry.core.store.CertificateSource;
import dev.ferry.core.store.CertificateStore;
import dev.ferry.core.store.DestroyedApp;
import dev.ferry.core.store.HttpsSettings;
import dev.ferry.core.store.ServingCertificate;
import dev.ferry.router.tls.TlsSource;
import dev.ferry.tunnel.gateway.TunnelAuth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The router's {@link TlsSource} over the store. Each certificate is served only for the hosts of its own app
 * that it covers (a wildcard uploaded by one app never answers for another app's host); an app's hosts are its
 * {@link AppHostNames} and its tunnel's preview name {@code <app>--dev.<domain>}, so that {@code ferry tunnel} is
 * served over HTTPS with the app's own certificates, as hosted instances are. An ACME certificate is served only for
 * those a user's certificate of the app does not cover (the user's wins), and each app's HTTPS settings apply to
 * all its hosts; the ACME challenges being answered come from the store too. The platform's own certificate (the
 * wildcard {@code *.<domain>} of {@link WildcardIssuer}, owned by no app, from {@link AcmeStore#platformCertificate})
 * is served, while it is valid, for every name it covers, by every router of the store whether or not its node orders
 * it; the router prefers an exact name to a wildcard, so a host with a certificate of its own keeps it. Until {@link #attach} names the store (the router starts before it), there is
 * nothing to serve but the default certificate.
 */
public final class StoreTlsSource implements TlsSource {

    private record Stores(CertificateStore certificates, AcmeStore acme, AppStore apps) {
    }

    private final AppHostNames hostNames;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Stores stores;

    public StoreTlsSource(AppHostNames hostNames) {
        this.hostNames = hostNames;
    }

    /** Starts reading from the store, and tells the router at once and after each change. */
    public void attach(CertificateStore certificates, AcmeStore acme, AppStore apps) {
        stores = new Stores(certificates, acme, apps);
        certificates.onChange(this::changed);
        changed();
    }

    /** Tells the router to read again (also after a custom domain is added or removed). */
    public void changed() {
        listeners.forEach(Runnable::run);
    }

    /**
     * Tells the router to read again after an app is destroyed (its certificates and hosts went with it) or renamed
     * (its hosts changed), which no certificate listener hears; the control API runs it after the store's change.
     */
    public AppDataCleanup appChanges() {
        return new AppDataCleanup() {
            @Override
            public void removeDataOf(DestroyedApp destroyed) {
                changed();
            }

            @Override
            public void moveDataOf(AppName from, AppName to) {
                changed();
            }
        };
    }

    @Override
    public List<ServingCertificate> certificates() {
        Stores s = stores;
        if (s == null) {
            return List.of();
        }
        Instant now = Instant.now();
        List<ServingCertificate> served = new ArrayList<>(s.acme().platformCertificate(
                WildcardIssuer.nameFor(hostNames.domain())).filter(w -> now.isBefore(w.certificate().notAfter()))
                .stream().toList());
        Map<AppName, List<String>> hostsOf = new HashMap<>();
        List<ServingCertificate> all = s.certificates().servingCertificates();
        List<Certificate> users = all.stream().map(ServingCertificate::certificate)
                .filter(c -> c.source() == CertificateSource.USER).toList();
        for (ServingCertificate sc : all) {
            Certificate c = sc.certificate();
            List<String> hosts = hostsOf.computeIfAbsent(c.app(), app -> hostsOf(app, s));
            List<String> covered = hosts.stream().filter(c::covers)
                    .filter(h -> c.source() == CertificateSource.USER
                            || users.stream().noneMatch(u -> u.app().equals(c.app()) && u.covers(h)))
                    .toList();
            if (!covered.isEmpty()) {
                served.add(new ServingCertificate(c.withHostNames(covered), sc.privateKeyPem()));
            }
        }
        return served;
    }

    @Override
    public Map<String, HttpsSettings> settingsByHost() {
        Stores s = stores;
        if (s == null) {
            return Map.of();
        }
        Map<String, HttpsSettings> byHost = new HashMap<>();
        s.certificates().allHttpsSettings().forEach((app, settings) ->
                hostsOf(app, s).forEach(host -> byHost.put(host, settings)));
        return byHost;
    }

    /** The app's default host and custom domains, then its tunnel's preview name. */
    private List<String> hostsOf(AppName app, Stores s) {
        List<String> hosts = new ArrayList<>(hostNames.of(app, s.apps().domains(app)));
        hosts.add(TunnelAuth.previewHost(app, hostNames.domain()));
        return hosts;
    }

    /** The ACME challenges the issuer of any control node sharing the store is answering. */
    @Override
    public Map<String, String> challengeAnswers() {
        Stores s = stores;
        return s == null ? Map.of() : s.acme().challenges();
    }

    /** The TLS-ALPN-01 challenges the issuer of any control node sharing the store is answering. */
    @Override
    public Map<String, String> tlsAlpnChallenges() {
        Stores s = stores;
        return s == null ? Map.of() : s.acme().tlsAlpnChallenges();
    }

    @Override
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }
}
