package dev.ferry.router.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.Mapping;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS-ALPN-01 challenges (RFC 8737) the HTTPS listener answers: for each host the ACME issuer is proving, a
 * server context with the self-signed challenge certificate (the host as its only name, and the critical
 * {@code id-pe-acmeIdentifier} extension holding the SHA-256 of the key authorization) that negotiates ALPN
 * {@code acme-tls/1} only. The certificate is made here from the key authorization the store holds, so no private
 * key travels: its key is this router's own, made once. {@link AcmeTlsAlpnSniHandler} picks a context of this map
 * only for a ClientHello that offers {@code acme-tls/1}; every other client of the host gets its usual certificate.
 * An immutable snapshot swapped whole by {@link #refresh}; contexts are kept across refreshes while their key
 * authorization is unchanged.
 */
public final class TlsAlpnChallenges implements Mapping<String, SslContext> {

    /** The ALPN protocol of TLS-ALPN-01. */
    public static final String ACME_TLS_1 = "acme-tls/1";
    private static final ASN1ObjectIdentifier ACME_IDENTIFIER = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.1.31");
    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");
    private static final Logger log = LoggerFactory.getLogger(TlsAlpnChallenges.class);

    private record Answer(String keyAuthorization, SslContext context) {
    }

    private final TlsEngine engine;
    private final TlsConfig config;
    private volatile Map<String, Answer> byHost = Map.of();
    private KeyPair key; // made at the first challenge, under the refresh lock

    TlsAlpnChallenges(TlsEngine engine, TlsConfig config) {
        this.engine = engine;
        this.config = config;
    }

    /** The challenge context for {@code host}, or null when no TLS-ALPN-01 challenge is answered for it. */
    @Override
    public SslContext map(String host) {
        if (host == null) {
            return null;
        }
        Answer a = byHost.get(host.toLowerCase(Locale.ROOT));
        return a == null ? null : a.context();
    }

    /** Replaces the answered challenges with {@code keyAuthorizations} (host to key authorization). */
    public synchronized void refresh(Map<String, String> keyAuthorizations) {
        Map<String, Answer> old = byHost;
        Map<String, Answer> next = new HashMap<>();
        keyAuthorizations.forEach((rawHost, keyAuthorization) -> {
            String host = rawHost.toLowerCase(Locale.ROOT);
            Answer kept = old.get(host);
            if (kept != null && kept.keyAuthorization().equals(keyAuthorization)) {
                next.put(host, kept);
                return;
            }
            if (!HOST.matcher(host).matches()) {
                log.warn("TLS-ALPN-01 challenge for '{}' left out: not a host name", host);
                return;
            }
            try {
                next.put(host, new Answer(keyAuthorization, context(host, keyAuthorization)));
            } catch (GeneralSecurityException | SSLException | OperatorCreationException | CertIOException e) {
                log.warn("cannot answer the TLS-ALPN-01 challenge for {}: {}", host, e.toString());
            }
        });
        byHost = Map.copyOf(next);
    }

    private SslContext context(String host, String keyAuthorization)
            throws GeneralSecurityException, SSLException, OperatorCreationException, CertIOException {
        if (key == null) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            key = generator.generateKeyPair();
        }
        X509Certificate certificate = certificate(host, keyAuthorization, key);
        return SslContextBuilder.forServer(key.getPrivate(), certificate)
                .sslProvider(engine.provider())
                .protocols(config.protocols())
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ACME_TLS_1))
                .build();
    }

    /** RFC 8737 §3: self-signed, {@code host} as its one name, the key authorization's digest in a critical extension. */
    static X509Certificate certificate(String host, String keyAuthorization, KeyPair key)
            throws GeneralSecurityException, OperatorCreationException, CertIOException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyAuthorization.getBytes(StandardCharsets.UTF_8));
        X500Name name = new X500Name("CN=" + host);
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(7))), name, key.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, host)));
        builder.addExtension(ACME_IDENTIFIER, true, new DEROctetString(digest));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
    }
}
