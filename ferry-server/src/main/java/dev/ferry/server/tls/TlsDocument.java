package dev.ferry.server.tls;

import dev.ferry.control.json.Json;
import dev.ferry.control.json.RequestBody;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Certificate;
import dev.ferry.core.store.CertificateSource;
import dev.ferry.core.store.HttpsSettings;
import dev.ferry.core.store.ServingCertificate;
import dev.ferry.core.tls.Pem;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The document control nodes publish in the registry for separate routers ({@code <prefix>tls}, docs/https.md): a
 * {@link ServingSet} as JSON, format {@value #VERSION}, each private key sealed by the {@link RouterCertificateKey} for
 * its own certificate (app, name and leaf fingerprint as associated data, so a sealed key moved to another certificate
 * does not open), with that key's fingerprint, and a keyed digest of the whole plain content. A router opens it whole
 * or not at all: another format, another key's fingerprint, a key that does not open, a chain whose leaf is not the
 * fingerprint given, or content that does not match the digest (anything altered) refuses it. The digest is the same
 * for the same content on every control node of the fleet, so an unchanged set is not written again.
 *
 * @param version        the format, {@value #VERSION}
 * @param keyFingerprint the {@link RouterCertificateKey#fingerprint()} that sealed the keys
 * @param digest         the keyed digest of the plain content
 */
public record TlsDocument(int version, String keyFingerprint, String digest, List<SealedCertificate> certificates,
                          Map<String, HttpsSettings> https, Map<String, String> tlsAlpnChallenges) {

    /** The format written and read. */
    public static final int VERSION = 1;

    /** A served certificate with its key sealed; times are ISO-8601 UTC. */
    public record SealedCertificate(String name, String app, List<String> hosts, String subject, String issuer,
                                    String notBefore, String notAfter, String addedAt, String fingerprint,
                                    String source, String chainPem, String sealedKey) {
    }

    /** The plain content the digest is computed over: a certificate as above with its key in the clear. */
    private record Plain(List<SealedCertificate> certificates, Map<String, String> keys,
                         Map<String, HttpsSettings> https, Map<String, String> tlsAlpnChallenges) {
    }

    /** {@code set} sealed with {@code key}. */
    public static TlsDocument seal(ServingSet set, RouterCertificateKey key) {
        List<ServingCertificate> ordered = set.certificates().stream()
                .sorted(Comparator.comparing((ServingCertificate s) -> s.certificate().app().value())
                        .thenComparing(s -> s.certificate().name()).thenComparing(s -> s.certificate().fingerprint()))
                .toList();
        Map<String, String> keys = new TreeMap<>();
        List<SealedCertificate> plain = ordered.stream().map(s -> describe(s.certificate(), null)).toList();
        List<SealedCertificate> sealed = ordered.stream().map(s -> {
            Certificate c = s.certificate();
            keys.put(boundTo(c), s.privateKeyPem());
            return describe(c, key.seal(boundTo(c), s.privateKeyPem()));
        }).toList();
        Map<String, HttpsSettings> https = new TreeMap<>(set.settingsByHost());
        Map<String, String> challenges = new TreeMap<>(set.tlsAlpnChallenges());
        String digest = key.digest(Json.tree(new Plain(plain, keys, https, challenges)).toString());
        return new TlsDocument(VERSION, key.fingerprint(), digest, sealed, https, challenges);
    }

    /** The document as published. */
    public String toJson() {
        return Json.tree(this).toString();
    }

    /**
     * Reads a published document, not yet opened.
     *
     * @throws TlsDocumentRefused saying why when it is not a document of this format
     */
    public static TlsDocument parse(String json) {
        TlsDocument document;
        try {
            document = RequestBody.parse(json, TlsDocument.class);
        } catch (RuntimeException e) {
            throw new TlsDocumentRefused("it is not a TLS document Ferry can read: " + e.getMessage());
        }
        if (document.version() != VERSION) {
            throw new TlsDocumentRefused("its format is " + document.version() + ", this router reads " + VERSION
                    + " (run the same Ferry version as the control nodes)");
        }
        if (document.keyFingerprint() == null || document.digest() == null || document.certificates() == null
                || document.https() == null || document.tlsAlpnChallenges() == null) {
            throw new TlsDocumentRefused("it lacks a field");
        }
        return document;
    }

    /**
     * The serving set, every key opened and the whole content checked against the digest.
     *
     * @throws TlsDocumentRefused saying why when any part does not open or check
     */
    public ServingSet open(RouterCertificateKey key) {
        if (!keyFingerprint.equals(key.fingerprint())) {
            throw new TlsDocumentRefused("its keys are sealed with the key of fingerprint " + keyFingerprint
                    + ", and this router's key has fingerprint " + key.fingerprint()
                    + ": give the router the control nodes' secret key (--secret-key-file or FERRY_SECRET_KEY)");
        }
        try {
            Map<String, String> keys = new TreeMap<>();
            List<ServingCertificate> served = certificates.stream().map(s -> {
                Certificate c = certificate(s);
                String leaf = Pem.fingerprint(Pem.certificates(c.chainPem()).getFirst());
                if (!leaf.equals(c.fingerprint())) {
                    throw new TlsDocumentRefused("certificate " + c.name() + " of " + c.app()
                            + " has a chain whose leaf is not the fingerprint given");
                }
                String pem = key.open(boundTo(c), s.sealedKey());
                keys.put(boundTo(c), pem);
                return new ServingCertificate(c, pem);
            }).toList();
            List<SealedCertificate> plain = certificates.stream().map(s -> describe(certificate(s), null)).toList();
            String expected = key.digest(Json.tree(new Plain(plain, keys, new TreeMap<>(https),
                    new TreeMap<>(tlsAlpnChallenges))).toString());
            if (!expected.equals(digest)) {
                throw new TlsDocumentRefused("its content does not match its digest: it was altered");
            }
            return new ServingSet(served, https, tlsAlpnChallenges);
        } catch (TlsDocumentRefused e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TlsDocumentRefused(e.getMessage() != null ? e.getMessage() : e.toString());
        }
    }

    /** The associated data a key is sealed with: its certificate's app, name and leaf fingerprint. */
    private static String boundTo(Certificate c) {
        return "ferry.router-certificate.v1\0" + c.app().value() + "\0" + c.name() + "\0" + c.fingerprint();
    }

    private static SealedCertificate describe(Certificate c, String sealedKey) {
        return new SealedCertificate(c.name(), c.app().value(), c.hostNames(), c.subject(), c.issuer(),
                c.notBefore().toString(), c.notAfter().toString(), c.addedAt().toString(), c.fingerprint(),
                c.source().name(), c.chainPem(), sealedKey);
    }

    private static Certificate certificate(SealedCertificate s) {
        return new Certificate(s.name(), AppName.of(s.app()), s.hosts(), s.subject(), s.issuer(),
                Instant.parse(s.notBefore()), Instant.parse(s.notAfter()), s.fingerprint(), s.chainPem(),
                Instant.parse(s.addedAt()), CertificateSource.valueOf(s.source()));
    }
}
