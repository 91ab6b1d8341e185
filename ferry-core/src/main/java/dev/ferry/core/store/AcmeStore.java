package dev.ferry.core.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What Ferry's ACME issuer keeps in the store (docs/decisions/028-acme.md): the HTTP-01 challenges it is answering
 * (token to key authorization, which every router of the store reads and answers at
 * {@code /.well-known/acme-challenge/<token>} on its HTTP port) and the TLS-ALPN-01 ones (host to key authorization,
 * answered on the HTTPS port), the certificates it issued (in the same table as
 * users' own, with {@link CertificateSource#ACME}), and each host's last outcome. Each change is one transaction;
 * a failure records an {@link Event} on the app. Changes wake the same listeners as {@link CertificateStore#onChange},
 * so routers reload their challenges and certificates at once.
 */
public interface AcmeStore {

    /** Answers {@code token} with {@code keyAuthorization} from now on, until {@link #removeChallenge}. */
    void putChallenge(String token, String keyAuthorization);

    /** Stops answering {@code token}; nothing when it is not there. */
    void removeChallenge(String token);

    /** Every challenge being answered, token to key authorization. */
    Map<String, String> challenges();

    /**
     * Answers TLS-ALPN-01 (RFC 8737) for {@code host} from now on, until {@link #removeTlsAlpnChallenge}: every router
     * serves a certificate made from {@code keyAuthorization} to a ClientHello for {@code host} offering ALPN
     * {@code acme-tls/1}. Replaces the host's former one.
     */
    void putTlsAlpnChallenge(String host, String keyAuthorization);

    /** Stops answering TLS-ALPN-01 for {@code host}; nothing when it is not there. */
    void removeTlsAlpnChallenge(String host);

    /** Every TLS-ALPN-01 challenge being answered, host (lower case) to key authorization. */
    Map<String, String> tlsAlpnChallenges();

    /**
     * Installs a certificate the issuer got, replacing the app's ACME certificate of the same name.
     *
     * @throws AppNotFound when there is no such app
     * @throws IllegalStateException when a user's certificate has that name: ACME never replaces one
     */
    Certificate putAcmeCertificate(Certificate certificate, String privateKeyPem);

    /**
     * Forgets what ACME kept for a host that is no longer the app's (a removed domain, a renamed app): its ACME
     * certificate of that name, never a user's, and its outcome. Nothing when there is none.
     *
     * @throws AppNotFound when there is no such app
     */
    void forgetHost(AppName app, String host);

    /** Records the outcome of an order for a host; a {@code FAILING} one also records an {@code acme.fail} event. */
    void recordStatus(AcmeHostStatus status);

    /**
     * The app's hosts' outcomes, by host.
     *
     * @throws AppNotFound when there is no such app
     */
    List<AcmeHostStatus> statuses(AppName app);

    /** Every host's outcome, of every app. */
    List<AcmeHostStatus> allStatuses();

    /**
     * Records an event about the platform's wildcard certificate {@code *.<domain>} (on no app): {@code acme.issue}
     * when a new one was installed, {@code acme.fail} when an order failed; wakes the certificate listeners, so
     * routers read the wildcard again.
     */
    void recordWildcardEvent(EventAction action, String detail);

    /**
     * Installs one of the platform's own certificates (the wildcard {@code *.<domain>}), owned by no app:
     * {@code certificate.app()} is only the owner marker its key is sealed under. Replaces the one of the same name,
     * clears its failures, records {@code detail} as an {@code acme.issue} event on no app and wakes the certificate
     * listeners, so routers serve it at once. Its key is sealed like users' and ACME certificates' keys.
     */
    void putPlatformCertificate(Certificate certificate, String privateKeyPem, String detail);

    /** The platform's certificate of this name with its key, for the routers; empty when there is none. */
    Optional<ServingCertificate> platformCertificate(String name);

    /**
     * Records that an order for the platform's certificate {@code name} failed: counts it, keeps {@code detail} as its
     * last failure and as an {@code acme.fail} event on no app. The certificate in place is not touched.
     */
    void recordPlatformFailure(String name, String detail);

    /** The platform's certificates and their last outcomes, by name, without keys. */
    List<PlatformCertificate> platformCertificates();

    /**
     * Turns certificates over ACME on or off for the app ({@code certs:auto:enable}, {@code certs:auto:disable}); on
     * by default. Off, the issuer orders nothing for the app's hosts and the ACME certificates it has stay until they
     * expire; users' own certificates are not touched either way. Records an {@code acme.enable} or
     * {@code acme.disable} event when it changes something.
     *
     * @throws AppNotFound when there is no such app
     */
    void setAutoCertificates(AppName app, boolean on, UserId by);

    /**
     * Whether certificates over ACME are on for the app.
     *
     * @throws AppNotFound when there is no such app
     */
    boolean autoCertificates(AppName app);

    /** The apps that certificates over ACME are off for. */
    Set<AppName> appsWithoutAutoCertificates();
}
