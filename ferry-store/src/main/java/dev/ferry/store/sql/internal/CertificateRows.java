package dev.ferry.store.sql.internal;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Certificate;
import dev.ferry.core.store.CertificateSource;
import dev.ferry.core.store.HttpsSettings;
import dev.ferry.store.sql.internal.AppRows.AppRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The SQL for the {@code certificates} and {@code app_https} tables. Host names are stored one per line. */
public final class CertificateRows {

    /** A certificate row with its sealed key. */
    public record SealedRow(Certificate certificate, byte[] keySealed) {
    }

    private static final String SELECT = "SELECT c.name, a.name AS app_name, c.host_names, c.subject, c.issuer,"
            + " c.not_before, c.not_after, c.fingerprint, c.chain_pem, c.key_sealed, c.added_at, c.source"
            + " FROM certificates c JOIN apps a ON a.id = c.app_id";

    private CertificateRows() {
    }

    public static List<Certificate> ofApp(Tx tx, AppRow app) throws SQLException {
        return tx.list(SELECT + " WHERE c.app_id = ? ORDER BY c.name", row -> sealed(row).certificate(), app.id());
    }

    public static List<SealedRow> all(Tx tx) throws SQLException {
        return tx.list(SELECT + " ORDER BY a.name, c.name", CertificateRows::sealed);
    }

    /** Inserts the certificate, or replaces the app's one of the same name. */
    public static void upsert(Tx tx, AppRow app, Certificate c, byte[] keySealed) throws SQLException {
        tx.update("DELETE FROM certificates WHERE app_id = ? AND name = ?", app.id(), c.name());
        tx.update("INSERT INTO certificates (app_id, name, host_names, subject, issuer, not_before, not_after,"
                        + " fingerprint, chain_pem, key_sealed, added_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                app.id(), c.name(), String.join("\n", c.hostNames()), c.subject(), c.issuer(),
                c.notBefore().toEpochMilli(), c.notAfter().toEpochMilli(), c.fingerprint(), c.chainPem(), keySealed,
                c.addedAt().toEpochMilli(), c.source().code());
    }

    /** The source of the app's certificate of this name, if it has one. */
    public static Optional<CertificateSource> sourceOf(Tx tx, AppRow app, String name) throws SQLException {
        return tx.one("SELECT source FROM certificates WHERE app_id = ? AND name = ?",
                row -> CertificateSource.of(row.getString("source")), app.id(), name);
    }

    /** Deletes the app's certificate of this name; true when there was one. */
    public static boolean delete(Tx tx, AppRow app, String name) throws SQLException {
        return tx.update("DELETE FROM certificates WHERE app_id = ? AND name = ?", app.id(), name) >= 1;
    }

    public static Optional<HttpsSettings> settings(Tx tx, AppRow app) throws SQLException {
        return tx.one("SELECT force_https, hsts_max_age, hsts_include_subdomains FROM app_https WHERE app_id = ?",
                CertificateRows::settings, app.id());
    }

    public static void putSettings(Tx tx, AppRow app, HttpsSettings s) throws SQLException {
        tx.update("DELETE FROM app_https WHERE app_id = ?", app.id());
        if (!s.equals(HttpsSettings.OFF)) {
            tx.update("INSERT INTO app_https (app_id, force_https, hsts_max_age, hsts_include_subdomains)"
                    + " VALUES (?, ?, ?, ?)", app.id(), s.forceHttps(), s.hstsMaxAgeSeconds(), s.hstsIncludeSubdomains());
        }
    }

    /** Every app's settings row, as (app name, settings). */
    public static List<java.util.Map.Entry<AppName, HttpsSettings>> allSettings(Tx tx) throws SQLException {
        return tx.list("SELECT a.name, h.force_https, h.hsts_max_age, h.hsts_include_subdomains"
                        + " FROM app_https h JOIN apps a ON a.id = h.app_id ORDER BY a.name",
                row -> java.util.Map.entry(new AppName(row.getString("name")), settings(row)));
    }

    private static HttpsSettings settings(ResultSet row) throws SQLException {
        return new HttpsSettings(row.getBoolean("force_https"), row.getLong("hsts_max_age"),
                row.getBoolean("hsts_include_subdomains"));
    }

    private static SealedRow sealed(ResultSet row) throws SQLException {
        Certificate c = new Certificate(row.getString("name"), new AppName(row.getString("app_name")),
                Arrays.asList(row.getString("host_names").split("\n")), row.getString("subject"),
                row.getString("issuer"), Instant.ofEpochMilli(row.getLong("not_before")),
                Instant.ofEpochMilli(row.getLong("not_after")), row.getString("fingerprint"),
                row.getString("chain_pem"), Instant.ofEpochMilli(row.getLong("added_at")),
                CertificateSource.of(row.getString("source")));
        return new SealedRow(c, row.getBytes("key_sealed"));
    }
}
