package dev.ferry.control.certs;

import dev.ferry.core.api.AcmeStatusInfo;
import dev.ferry.core.api.CertificateInfo;
import dev.ferry.core.api.HttpsSettingsInfo;
import dev.ferry.core.store.AcmeHostStatus;
import dev.ferry.core.store.Certificate;
import dev.ferry.core.store.CertificateSource;
import dev.ferry.core.store.HttpsSettings;
import java.util.Locale;
import java.util.Optional;

/** The API's records of a certificate (never its key), of a host's ACME outcome and of HTTPS settings. */
final class CertificateJson {

    private CertificateJson() {
    }

    static CertificateInfo of(Certificate c) {
        return of(c, Optional.empty());
    }

    /** @param acme the ACME outcome of the certificate's host, shown as its status when the certificate is ACME's */
    static CertificateInfo of(Certificate c, Optional<AcmeHostStatus> acme) {
        String status = c.source() != CertificateSource.ACME ? null : acme
                .map(s -> switch (s.state()) {
                    case VALID -> "valid";
                    case FAILING -> "failing: " + s.message() + " (still serving this one; next try "
                            + s.nextAttemptAt() + ")";
                    case WAITING_DNS -> "waiting for DNS: " + s.message() + " (still serving this one; checked again "
                            + s.nextAttemptAt() + ")";
                })
                .orElse("valid");
        return new CertificateInfo(c.name(), c.app().value(), c.hostNames(), c.subject(), c.issuer(),
                c.notBefore().toString(), c.notAfter().toString(), c.fingerprint(), c.addedAt().toString(),
                c.source().code(), status);
    }

    static AcmeStatusInfo of(AcmeHostStatus s) {
        return new AcmeStatusInfo(s.host(), s.state().name().toLowerCase(Locale.ROOT), s.message(), s.failures(),
                s.nextAttemptAt().toString(), s.updatedAt().toString());
    }

    static HttpsSettingsInfo of(HttpsSettings s) {
        return new HttpsSettingsInfo(s.forceHttps(), s.hstsMaxAgeSeconds(), s.hstsIncludeSubdomains());
    }
}
