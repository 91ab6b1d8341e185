package dev.ferry.store.sql.internal;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Certificate;
import dev.ferry.core.store.CertificateSource;
import dev.ferry.core.store.PlatformCertificate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The SQL for the {@code platform_certificates} and {@code platform_certificate_status} tables (SQLite V17,
 * PostgreSQL V13): the platform's own certificates, owned by no app, and the last failure of their orders.
 */
public final class PlatformCertificateRows {

    /** A certificate row with its sealed key. */
    public record SealedRow(Certificate certificate, byte[] keySealed) {
    }

    private record Failure(int failures, String message, Instant at) {
    }

    private static final String SELECT = "SELECT name, owner, host_names, subject, issuer, not_before, not_after,"
            + " fingerprint, chain_pem, key_sealed, added_at FROM platform_certificates";

    private PlatformCertificateRows() {
    }

    /** Inserts the certificate, or replaces the one of the same name, and clears its failures. */
    public static void upsert(Tx tx, Certificate c, byte[] keySealed) throws SQLException {
        tx.update("DELETE FROM platform_certificates WHERE name = ?", c.name());
        tx.update("DELETE FROM platform_certificate_status WHERE name = ?", c.name());
        tx.update("INSERT INTO platform_certificates (name, owner, host_names, subject, issuer, not_before, not_after,"
                        + " fingerprint, chain_pem, key_sealed, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                c.name(), c.app().value(), String.join("\n", c.hostNames()), c.subject(), c.issuer(),
                c.notBefore().toEpochMilli(), c.notAfter().toEpochMilli(), c.fingerprint(), c.chainPem(), keySealed,
                c.addedAt().toEpochMilli());
    }

    public static Optional<SealedRow> one(Tx tx, String name) throws SQLException {
        return tx.one(SELECT + " WHERE name = ?", PlatformCertificateRows::sealed, name);
    }

    /** Counts one more failure of the certificate's orders, with its reason. */
    public static void fail(Tx tx, String name, String message, Instant at) throws SQLException {
        int failures = tx.one("SELECT failures FROM platform_certificate_status WHERE name = ?",
                row -> row.getInt(1), name).orElse(0);
        tx.update("DELETE FROM platform_certificate_status WHERE name = ?", name);
        tx.update("INSERT INTO platform_certificate_status (name, failures, last_failure, last_failure_at)"
                + " VALUES (?, ?, ?, ?)", name, failures + 1, message, at.toEpochMilli());
    }

    /** Every certificate and every name with a failure, by name. */
    public static List<PlatformCertificate> all(Tx tx) throws SQLException {
        Map<String, Certificate> certificates = new TreeMap<>();
        for (SealedRow row : tx.list(SELECT, PlatformCertificateRows::sealed)) {
            certificates.put(row.certificate().name(), row.certificate());
        }
        Map<String, Failure> failures = new TreeMap<>();
        for (Map.Entry<String, Failure> e : tx.list("SELECT name, failures, last_failure, last_failure_at"
                + " FROM platform_certificate_status", row -> Map.entry(row.getString("name"),
                new Failure(row.getInt("failures"), row.getString("last_failure"),
                        Instant.ofEpochMilli(row.getLong("last_failure_at")))))) {
            failures.put(e.getKey(), e.getValue());
        }
        TreeMap<String, Boolean> names = new TreeMap<>();
        certificates.keySet().forEach(n -> names.put(n, true));
        failures.keySet().forEach(n -> names.put(n, true));
        return names.keySet().stream().map(n -> {
            Optional<Failure> f = Optional.ofNullable(failures.get(n));
            return new PlatformCertificate(n, Optional.ofNullable(certificates.get(n)),
                    f.map(Failure::failures).orElse(0), f.map(Failure::message), f.map(Failure::at));
        }).toList();
    }

    private static SealedRow sealed(ResultSet row) throws SQLException {
        Certificate c = new Certificate(row.getString("name"), new AppName(row.getString("owner")),
                Arrays.asList(row.getString("host_names").split("\n")), row.getString("subject"),
                row.getString("issuer"), Instant.ofEpochMilli(row.getLong("not_before")),
                Instant.ofEpochMilli(row.getLong("not_after")), row.getString("fingerprint"),
                row.getString("chain_pem"), Instant.ofEpochMilli(row.getLong("added_at")), CertificateSource.ACME);
        return new SealedRow(c, row.getBytes("key_sealed"));
    }
}
