package dev.ferry.store.sql.internal;

import dev.ferry.core.store.AcmeHostStatus;
import dev.ferry.core.store.AcmeStore;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Certificate;
import dev.ferry.core.store.CertificateSource;
import dev.ferry.core.store.EventAction;
import dev.ferry.core.store.PlatformCertificate;
import dev.ferry.core.store.ServingCertificate;
import dev.ferry.store.sql.internal.AcmeRows.ChallengeTable;
import dev.ferry.store.sql.internal.AppRows.AppRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import dev.ferry.core.store.User;
import dev.ferry.core.store.UserId;

/**
 * The store's use cases of the ACME issuer, each one transaction. Issued certificates go into the
 * {@code certificates} table with {@code source = 'acme'}, their keys sealed like users' own
 * ({@link CertificateCommands}); the platform's own certificates (the wildcard {@code *.<domain>}, owned by no app) go
 * into {@code platform_certificates}, their keys sealed the same way under {@code tls.platform.<name>}; every change wakes the certificate listeners, so routers reload at once.
 */
public final class AcmeCommands implements AcmeStore {

    /**
     * The name a platform certificate's key is sealed under, after its owner marker: not {@code tls.key.}, so no
     * app's certificate key can be swapped in for it.
     */
    static final String PLATFORM_KEY_PREFIX = "tls.platform.";

    private final Database db;
    private final Clocked clock;
    private final ConfigCipher cipher;
    private final CertificateCommands certificates;

    public AcmeCommands(Database db, Clocked clock, ConfigCipher cipher, CertificateCommands certificates) {
        this.db = db;
        this.clock = clock;
        this.cipher = cipher;
        this.certificates = certificates;
    }

    @Override
    public void putChallenge(String token, String keyAuthorization) {
        putChallenge(ChallengeTable.HTTP_01, token, keyAuthorization);
    }

    @Override
    public void removeChallenge(String token) {
        removeChallenge(ChallengeTable.HTTP_01, token);
    }

    @Override
    public Map<String, String> challenges() {
        return challenges(ChallengeTable.HTTP_01);
    }

    @Override
    public void putTlsAlpnChallenge(String host, String keyAuthorization) {
        putChallenge(ChallengeTable.TLS_ALPN_01, host.toLowerCase(Locale.ROOT), keyAuthorization);
    }

    @Override
    public void removeTlsAlpnChallenge(String host) {
        removeChallenge(ChallengeTable.TLS_ALPN_01, host.toLowerCase(Locale.ROOT));
    }

    @Override
    public Map<String, String> tlsAlpnChallenges() {
        return challenges(ChallengeTable.TLS_ALPN_01);
    }

    private void putChallenge(ChallengeTable table, String key, String keyAuthorization) {
        db.write(tx -> {
            AcmeRows.putChallenge(tx, table, key, keyAuthorization, clock.now());
            return null;
        });
        certificates.changed();
    }

    private void removeChallenge(ChallengeTable table, String key) {
        if (db.write(tx -> AcmeRows.removeChallenge(tx, table, key))) {
            certificates.changed();
        }
    }

    private Map<String, String> challenges(ChallengeTable table) {
        Map<String, String> all = new LinkedHashMap<>();
        db.read(tx -> AcmeRows.challenges(tx, table)).forEach(e -> all.put(e.getKey(), e.getValue()));
        return all;
    }

    @Override
    public Certificate putAcmeCertificate(Certificate certificate, String privateKeyPem) {
        if (certificate.source() != CertificateSource.ACME) {
            throw new IllegalArgumentException("only certificates from ACME go through the ACME store");
        }
        byte[] sealed = cipher.seal(certificate.app(), CertificateCommands.KEY_PREFIX + certificate.name(), privateKeyPem);
        Certificate stored = db.write(tx -> {
            AppRow app = AppRows.require(tx, certificate.app());
            if (CertificateRows.sourceOf(tx, app, certificate.name()).orElse(CertificateSource.ACME)
                    == CertificateSource.USER) {
                throw new IllegalStateException("the app " + app.app().name() + " has a user's certificate named "
                        + certificate.name() + ", which ACME never replaces");
            }
            CertificateRows.upsert(tx, app, certificate, sealed);
            EventRows.record(tx, Optional.empty(), Optional.of(app), EventAction.ACME_ISSUE,
                    "ACME certificate for " + String.join(", ", certificate.hostNames()) + " issued by "
                            + certificate.issuer() + ", expires " + certificate.notAfter(), clock.now());
            return certificate;
        });
        certificates.changed();
        return stored;
    }

    @Override
    public void forgetHost(AppName name, String host) {
        boolean certificateGone = db.write(tx -> {
            AppRow app = AppRows.require(tx, name);
            AcmeRows.deleteStatus(tx, app, host);
            if (CertificateRows.sourceOf(tx, app, host).orElse(CertificateSource.USER) != CertificateSource.ACME) {
                return false;
            }
            CertificateRows.delete(tx, app, host);
            EventRows.record(tx, Optional.empty(), Optional.of(app), EventAction.CERT_REMOVE,
                    "Remove ACME certificate " + host + " (no longer a host of the app)", clock.now());
            return true;
        });
        if (certificateGone) {
            certificates.changed();
        }
    }

    @Override
    public void recordStatus(AcmeHostStatus status) {
        db.write(tx -> {
            AppRow app = AppRows.require(tx, status.app());
            AcmeRows.putStatus(tx, app, status);
            if (status.state() == AcmeHostStatus.State.FAILING) {
                EventRows.record(tx, Optional.empty(), Optional.of(app), EventAction.ACME_FAIL,
                        "ACME certificate for " + status.host() + " failed (" + status.failures() + " in a row, next try "
                                + status.nextAttemptAt() + "): " + status.message(), clock.now());
            }
            return null;
        });
    }

    @Override
    public List<AcmeHostStatus> statuses(AppName name) {
        return db.read(tx -> AcmeRows.ofApp(tx, AppRows.require(tx, name)));
    }

    @Override
    public List<AcmeHostStatus> allStatuses() {
        return db.read(AcmeRows::all);
    }

    @Override
    public void recordWildcardEvent(EventAction action, String detail) {
        db.write(tx -> {
            EventRows.record(tx, Optional.empty(), Optional.empty(), action, detail, clock.now());
            return null;
        });
        certificates.changed();
    }

    @Override
    public void putPlatformCertificate(Certificate certificate, String privateKeyPem, String detail) {
        byte[] sealed = cipher.seal(certificate.app(), PLATFORM_KEY_PREFIX + certificate.name(), privateKeyPem);
        db.write(tx -> {
            PlatformCertificateRows.upsert(tx, certificate, sealed);
            EventRows.record(tx, Optional.empty(), Optional.empty(), EventAction.ACME_ISSUE, detail, clock.now());
            return null;
        });
        certificates.changed();
    }

    @Override
    public Optional<ServingCertificate> platformCertificate(String name) {
        return db.read(tx -> PlatformCertificateRows.one(tx, name)).map(row -> new ServingCertificate(
                row.certificate(), cipher.open(row.certificate().app(), PLATFORM_KEY_PREFIX + name, row.keySealed())));
    }

    @Override
    public void recordPlatformFailure(String name, String detail) {
        db.write(tx -> {
            PlatformCertificateRows.fail(tx, name, detail, clock.now());
            EventRows.record(tx, Optional.empty(), Optional.empty(), EventAction.ACME_FAIL, detail, clock.now());
            return null;
        });
    }

    @Override
    public List<PlatformCertificate> platformCertificates() {
        return db.read(PlatformCertificateRows::all);
    }

    @Override
    public void setAutoCertificates(AppName name, boolean on, UserId by) {
        db.write(tx -> {
            User actor = UserRows.require(tx, by);
            AppRow app = AppRows.require(tx, name);
            if (AcmeRows.putAutoOff(tx, app, !on, clock.now())) {
                EventRows.record(tx, Optional.of(actor), Optional.of(app),
                        on ? EventAction.ACME_ENABLE : EventAction.ACME_DISABLE,
                        on ? "Turn certificates over ACME on" : "Turn certificates over ACME off (the ACME certificates"
                                + " the app has stay until they expire)", clock.now());
            }
            return null;
        });
    }

    @Override
    public boolean autoCertificates(AppName name) {
        return db.read(tx -> !AcmeRows.isAutoOff(tx, AppRows.require(tx, name)));
    }

    @Override
    public Set<AppName> appsWithoutAutoCertificates() {
        return Set.copyOf(db.read(AcmeRows::autoOff));
    }
}
