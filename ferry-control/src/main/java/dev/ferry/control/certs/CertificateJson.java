package dev.ferry.control.certs;

import dev.ferry.core.api.CertificateInfo;
import dev.ferry.core.api.HttpsSettingsInfo;
import dev.ferry.core.store.Certificate;
import dev.ferry.core.store.HttpsSettings;

/** The API's records of a certificate (never its key) and of HTTPS settings. */
final class CertificateJson {

    private CertificateJson() {
    }

    static CertificateInfo of(Certificate c) {
        return new CertificateInfo(c.name(), c.app().value(), c.hostNames(), c.subject(), c.issuer(),
                c.notBefore().toString(), c.notAfter().toString(), c.fingerprint(), c.addedAt().toString());
    }

    static HttpsSettingsInfo of(HttpsSettings s) {
        return new HttpsSettingsInfo(s.forceHttps(), s.hstsMaxAgeSeconds(), s.hstsIncludeSubdomains());
    }
}
