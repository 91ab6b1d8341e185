package dev.ferry.server.tls;

import dev.ferry.core.route.AcmeChallengeRelay;
import dev.ferry.core.store.AcmeHostStatus;
import dev.ferry.core.store.AcmeStore;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Certificate;
import dev.ferry.core.store.UserId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's {@link AcmeStore} for the ACME issuer of a node on the fleet's Redis registry: every HTTP-01 challenge
 * is also put into the {@link AcmeChallengeRelay}, where separate {@code ferry router} processes (which have no
 * store) read it. A relay that cannot be reached is logged, not fatal: the routers that read the store still answer,
 * and if none does, the CA's check fails and the order is retried with backoff like any failure.
 */
final class RelayedAcmeStore implements AcmeStore {

    private static final Logger log = LoggerFactory.getLogger(RelayedAcmeStore.class);

    private final AcmeStore store;
    private final AcmeChallengeRelay relay;

    RelayedAcmeStore(AcmeStore store, AcmeChallengeRelay relay) {
        this.store = store;
        this.relay = relay;
    }

    @Override
    public void putChallenge(String token, String keyAuthorization) {
        store.putChallenge(token, keyAuthorization);
        try {
            relay.put(token, keyAuthorization);
        } catch (RuntimeException e) {
            log.warn("ACME: separate routers cannot answer challenge {}: the registry refused it: {}", token,
                    e.getMessage());
        }
    }

    @Override
    public void removeChallenge(String token) {
        store.removeChallenge(token);
        try {
            relay.remove(token);
        } catch (RuntimeException e) {
            log.warn("ACME: cannot remove challenge {} from the registry (it expires there): {}", token,
                    e.getMessage());
        }
    }

    @Override
    public Map<String, String> challenges() {
        return store.challenges();
    }

    @Override
    public void putTlsAlpnChallenge(String host, String keyAuthorization) {
        store.putTlsAlpnChallenge(host, keyAuthorization);
    }

    @Override
    public void removeTlsAlpnChallenge(String host) {
        store.removeTlsAlpnChallenge(host);
    }

    @Override
    public Map<String, String> tlsAlpnChallenges() {
        return store.tlsAlpnChallenges();
    }

    @Override
    public Certificate putAcmeCertificate(Certificate certificate, String privateKeyPem) {
        return store.putAcmeCertificate(certificate, privateKeyPem);
    }

    @Override
    public void forgetHost(AppName app, String host) {
        store.forgetHost(app, host);
    }

    @Override
    public void recordStatus(AcmeHostStatus status) {
        store.recordStatus(status);
    }

    @Override
    public List<AcmeHostStatus> statuses(AppName app) {
        return store.statuses(app);
    }

    @Override
    public List<AcmeHostStatus> allStatuses() {
        return store.allStatuses();
    }

    @Override
    public void setAutoCertificates(AppName app, boolean on, UserId by) {
        store.setAutoCertificates(app, on, by);
    }

    @Override
    public boolean autoCertificates(AppName app) {
        return store.autoCertificates(app);
    }

    @Override
    public Set<AppName> appsWithoutAutoCertificates() {
        return store.appsWithoutAutoCertificates();
    }

    @Override
    public void recordWildcardEvent(dev.ferry.core.store.EventAction action, String detail) {
        store.recordWildcardEvent(action, detail);
    }

    @Override
    public void putPlatformCertificate(Certificate certificate, String privateKeyPem, String detail) {
        store.putPlatformCertificate(certificate, privateKeyPem, detail);
    }

    @Override
    public java.util.Optional<dev.ferry.core.store.ServingCertificate> platformCertificate(String name) {
        return store.platformCertificate(name);
    }

    @Override
    public void recordPlatformFailure(String name, String detail) {
        store.recordPlatformFailure(name, detail);
    }

    @Override
    public List<dev.ferry.core.store.PlatformCertificate> platformCertificates() {
        return store.platformCertificates();
    }
}
