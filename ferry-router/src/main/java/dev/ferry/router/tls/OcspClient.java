package dev.ferry.router.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.jcajce.JcaCertificateID;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Asks a certificate's OCSP responder (RFC 6960) for its status: finds the responder's URL in the certificate's
 * Authority Information Access extension, POSTs a request without a nonce (so the answer can be cached and stapled to
 * every handshake, as CAs expect), and accepts the answer only when it is {@code successful}, is about this
 * certificate, is signed by its issuer or by a responder the issuer delegated ({@code id-kp-OCSPSigning}), and is
 * not past its {@code nextUpdate}. Blocking: the {@link OcspStapler} calls it on its own thread, never in a handshake.
 */
final class OcspClient implements AutoCloseable {

    /** The largest answer read; real ones are one to a few KiB. */
    static final int MAX_RESPONSE_BYTES = 64 * 1024;

    /** A checked answer of a responder: the bytes to staple and how long they hold. */
    record Answer(byte[] der, Instant thisUpdate, Instant nextUpdate, String status) {
    }

    private final Duration timeout;
    private final Clock clock;
    // made at the first fetch: a client starts a selector thread, and most routers have no certificate to staple
    private HttpClient http;

    OcspClient(Duration timeout, Clock clock) {
        this.timeout = timeout;
        this.clock = clock;
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        }
        return http;
    }

    @Override
    public synchronized void close() {
        if (http != null) {
            http.shutdownNow();
        }
    }

    /** The http(s) URL of the certificate's OCSP responder, when its AIA extension names one. */
    static Optional<URI> responderOf(X509Certificate leaf) {
        try {
            AuthorityInformationAccess aia = AuthorityInformationAccess.fromExtensions(
                    new JcaX509CertificateHolder(leaf).getExtensions());
            if (aia == null) {
                return Optional.empty();
            }
            for (AccessDescription d : aia.getAccessDescriptions()) {
                GeneralName where = d.getAccessLocation();
                if (d.getAccessMethod().equals(AccessDescription.id_ad_ocsp)
                        && where.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    URI uri = URI.create(ASN1IA5String.getInstance(where.getName()).getString());
                    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                    if (scheme.equals("http") || scheme.equals("https")) {
                        return Optional.of(uri);
                    }
                }
            }
            return Optional.empty();
        } catch (CertificateEncodingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Fetches and checks the status of {@code leaf}.
     *
     * @throws IOException with a sentence saying what went wrong (unreachable, refused, not signed, stale...)
     */
    Answer fetch(URI responder, X509Certificate leaf, X509Certificate issuer) throws IOException {
        CertificateID id = certificateId(issuer, leaf.getSerialNumber());
        byte[] request;
        try {
            request = new OCSPReqBuilder().addRequest(id).build().getEncoded();
        } catch (OCSPException e) {
            throw new IOException("cannot make the OCSP request: " + e.getMessage(), e);
        }
        HttpResponse<byte[]> response;
        try {
            response = http().send(HttpRequest.newBuilder(responder).timeout(timeout)
                    .header("Content-Type", "application/ocsp-request")
                    .header("Accept", "application/ocsp-response")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + responder);
        } catch (IOException e) {
            throw new IOException("cannot reach the OCSP responder " + responder + ": " + e, e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("the OCSP responder " + responder + " answered HTTP " + response.statusCode());
        }
        if (response.body().length > MAX_RESPONSE_BYTES) {
            throw new IOException("the OCSP responder " + responder + " answered " + response.body().length + " bytes");
        }
        return check(response.body(), id, issuer);
    }

    private Answer check(byte[] der, CertificateID id, X509Certificate issuer) throws IOException {
        try {
            OCSPResp resp = new OCSPResp(der);
            if (resp.getStatus() != OCSPResp.SUCCESSFUL) {
                throw new IOException("the OCSP responder answered status " + resp.getStatus() + " (not successful)");
            }
            if (!(resp.getResponseObject() instanceof BasicOCSPResp basic)) {
                throw new IOException("the OCSP response is not a basic response");
            }
            SingleResp single = Arrays.stream(basic.getResponses()).filter(r -> about(r.getCertID(), id, issuer))
                    .findFirst().orElseThrow(() -> new IOException("the OCSP response is about another certificate"));
            if (!signedForIssuer(basic, issuer)) {
                throw new IOException("the OCSP response is not signed by the certificate's issuer or its responder");
            }
            Instant now = clock.instant();
            Instant nextUpdate = single.getNextUpdate() == null ? null : single.getNextUpdate().toInstant();
            if (nextUpdate != null && !nextUpdate.isAfter(now)) {
                throw new IOException("the OCSP response expired at " + nextUpdate);
            }
            CertificateStatus status = single.getCertStatus();
            String word = status == CertificateStatus.GOOD ? "good" : status instanceof RevokedStatus ? "revoked" : "unknown";
            return new Answer(resp.getEncoded(), single.getThisUpdate().toInstant(), nextUpdate, word);
        } catch (OCSPException | IllegalArgumentException | ClassCastException e) {
            throw new IOException("the OCSP response cannot be read: " + e.getMessage(), e);
        }
    }

    /** The same serial number under the same issuer, whatever hash the responder named the issuer with. */
    private static boolean about(CertificateID answered, CertificateID asked, X509Certificate issuer) {
        try {
            return answered.getSerialNumber().equals(asked.getSerialNumber())
                    && answered.matchesIssuer(new JcaX509CertificateHolder(issuer), new JcaDigestCalculatorProviderBuilder().build());
        } catch (OCSPException | OperatorCreationException | CertificateEncodingException e) {
            return false;
        }
    }

    /** Signed by the issuer itself, or by a certificate in the response that the issuer signed for OCSP signing. */
    private boolean signedForIssuer(BasicOCSPResp basic, X509Certificate issuer) throws OCSPException {
        try {
            JcaContentVerifierProviderBuilder verifiers = new JcaContentVerifierProviderBuilder();
            ContentVerifierProvider byIssuer = verifiers.build(issuer);
            if (basic.isSignatureValid(byIssuer)) {
                return true;
            }
            Instant now = clock.instant();
            for (X509CertificateHolder delegate : basic.getCerts()) {
                ExtendedKeyUsage usage = ExtendedKeyUsage.fromExtensions(delegate.getExtensions());
                if (usage != null && usage.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning)
                        && delegate.isValidOn(java.util.Date.from(now)) && delegate.isSignatureValid(byIssuer)
                        && basic.isSignatureValid(verifiers.build(delegate))) {
                    return true;
                }
            }
            return false;
        } catch (OperatorCreationException | org.bouncycastle.cert.CertException | java.security.cert.CertificateException e) {
            return false;
        }
    }

    private static CertificateID certificateId(X509Certificate issuer, BigInteger serial) throws IOException {
        try {
            return new JcaCertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                    issuer, serial);
        } catch (OperatorCreationException | OCSPException | CertificateEncodingException e) {
            throw new IOException("cannot name the certificate in an OCSP request: " + e.getMessage(), e);
        }
    }
}
