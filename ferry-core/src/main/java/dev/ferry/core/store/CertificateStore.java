package dev.ferry.core.store;

import java.util.List;
import java.util.Map;

/**
 * The certificates Ferry serves over HTTPS and the apps' HTTPS settings. The control API writes them
 * ({@code certs:add}, {@code certs:remove}, {@code https:force}, {@code https:hsts}; ACME issuance will write
 * through {@link #putCertificate} too); the router reads {@link #servingCertificates()} and
 * {@link #allHttpsSettings()} into its SNI map and refreshes it when {@link #onChange} tells it to.
 *
 * <p>Private keys are encrypted at rest with the key that seals config vars, and leave the store only through
 * {@link #servingCertificates()}. Each change is one transaction that records its {@link Event}, as {@link Store}
 * describes; listeners run after the commit, on the writing thread, and must return quickly. Safe for use by
 * many threads. A distributed implementation must also tell routers on other machines of a change
 * (docs/decisions/021-https-listener.md).
 */
public interface CertificateStore {

    /**
     * Adds the certificate, or replaces the app's certificate of the same name, with its private key.
     *
     * @param privateKeyPem the key in PKCS#8 PEM; the caller checked that it matches the leaf
     * @throws AppNotFound when there is no such app
     */
    Certificate putCertificate(Certificate certificate, String privateKeyPem, UserId by);

    /**
     * Removes the app's certificate of this name.
     *
     * @throws AppNotFound when there is no such app
     * @throws CertificateNotFound when the app has none of that name
     */
    void removeCertificate(AppName app, String name, UserId by);

    /**
     * The app's certificates, by name, without keys.
     *
     * @throws AppNotFound when there is no such app
     */
    List<Certificate> certificates(AppName app);

    /** Every certificate of every app with its decrypted key, for the router. */
    List<ServingCertificate> servingCertificates();

    /**
     * The app's HTTPS settings ({@link HttpsSettings#OFF} when never set).
     *
     * @throws AppNotFound when there is no such app
     */
    HttpsSettings httpsSettings(AppName app);

    /**
     * Sets the app's HTTPS settings.
     *
     * @throws AppNotFound when there is no such app
     */
    void setHttpsSettings(AppName app, HttpsSettings settings, UserId by);

    /** The settings of every app that has any other than {@link HttpsSettings#OFF}. */
    Map<AppName, HttpsSettings> allHttpsSettings();

    /** Runs {@code listener} after each committed change of a certificate or of HTTPS settings. */
    void onChange(Runnable listener);
}
