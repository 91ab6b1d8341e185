package dev.ferry.store.sql.internal;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Certificate;
import dev.ferry.core.store.CertificateNotFound;
import dev.ferry.core.store.CertificateStore;
import dev.ferry.core.store.EventAction;
import dev.ferry.core.store.HttpsSettings;
import dev.ferry.core.store.ServingCertificate;
import dev.ferry.core.store.User;
import dev.ferry.core.store.UserId;
import dev.ferry.store.sql.internal.AppRows.AppRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's use cases about certificates and HTTPS settings, each one transaction. Private keys are sealed by
 * the {@link ConfigCipher} under the name {@code tls.key.<certificate name>} (config var names never hold a dot,
 * so no sealed var can be swapped in for a key).
 */
public final class CertificateCommands implements CertificateStore {

    private static final Logger log = LoggerFactory.getLogger(CertificateCommands.class);
    static final String KEY_PREFIX = "tls.key.";

    private final Database db;
    private final Clocked clock;
    private final ConfigCipher cipher;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public CertificateCommands(Database db, Clocked clock, ConfigCipher cipher) {
        this.db = db;
        this.clock = clock;
        this.cipher = cipher;
    }

    @Override
    public Certificate putCertificate(Certificate certificate, String privateKeyPem, UserId by) {
        byte[] sealed = cipher.seal(certificate.app(), KEY_PREFIX + certificate.name(), privateKeyPem);
        Certificate stored = db.write(tx -> {
            User actor = UserRows.require(tx, by);
            AppRow app = AppRows.require(tx, certificate.app());
            CertificateRows.upsert(tx, app, certificate, sealed);
            EventRows.record(tx, Optional.of(actor), Optional.of(app), EventAction.CERT_ADD,
                    "Add certificate " + certificate.name() + " (" + String.join(", ", certificate.hostNames())
                            + ", " + certificate.fingerprint() + ")", clock.now());
            return certificate;
        });
        changed();
        return stored;
    }

    @Override
    public void removeCertificate(AppName name, String certificateName, UserId by) {
        db.write(tx -> {
            User actor = UserRows.require(tx, by);
            AppRow app = AppRows.require(tx, name);
            if (!CertificateRows.delete(tx, app, certificateName)) {
                throw new CertificateNotFound(name, certificateName);
            }
            EventRows.record(tx, Optional.of(actor), Optional.of(app), EventAction.CERT_REMOVE,
                    "Remove certificate " + certificateName, clock.now());
            return null;
        });
        changed();
    }

    @Override
    public List<Certificate> certificates(AppName name) {
        return db.read(tx -> CertificateRows.ofApp(tx, AppRows.require(tx, name)));
    }

    @Override
    public List<ServingCertificate> servingCertificates() {
        return db.read(CertificateRows::all).stream()
                .map(row -> new ServingCertificate(row.certificate(), cipher.open(row.certificate().app(),
                        KEY_PREFIX + row.certificate().name(), row.keySealed())))
                .toList();
    }

    @Override
    public HttpsSettings httpsSettings(AppName name) {
        return db.read(tx -> CertificateRows.settings(tx, AppRows.require(tx, name)).orElse(HttpsSettings.OFF));
    }

    @Override
    public void setHttpsSettings(AppName name, HttpsSettings settings, UserId by) {
        db.write(tx -> {
            User actor = UserRows.require(tx, by);
            AppRow app = AppRows.require(tx, name);
            CertificateRows.putSettings(tx, app, settings);
            EventRows.record(tx, Optional.of(actor), Optional.of(app), EventAction.HTTPS_SETTINGS,
                    "Set HTTPS: force " + (settings.forceHttps() ? "on" : "off") + ", HSTS "
                            + (settings.hstsHeader() == null ? "off" : settings.hstsHeader()), clock.now());
            return null;
        });
        changed();
    }

    @Override
    public Map<AppName, HttpsSettings> allHttpsSettings() {
        Map<AppName, HttpsSettings> all = new LinkedHashMap<>();
        db.read(CertificateRows::allSettings).forEach(e -> all.put(e.getKey(), e.getValue()));
        return all;
    }

    @Override
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Runs the change listeners (also for the ACME issuer's changes, {@link AcmeCommands}). */
    void changed() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.warn("a certificate change listener failed: {}", e.toString());
            }
        }
    }
}
