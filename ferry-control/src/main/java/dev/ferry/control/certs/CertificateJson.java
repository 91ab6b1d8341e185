package dev.ferry.control.certs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.control.json.Json;
import dev.ferry.core.store.Certificate;
import dev.ferry.core.store.HttpsSettings;

/** The API's JSON of a certificate (never its key) and of HTTPS settings. */
final class CertificateJson {

    private CertificateJson() {
    }

    static ObjectNode of(Certificate c) {
        ObjectNode n = Json.object();
        n.put("name", c.name());
        n.put("app", c.app().value());
        c.hostNames().forEach(n.putArray("hostnames")::add);
        n.put("subject", c.subject());
        n.put("issuer", c.issuer());
        n.put("notBefore", c.notBefore().toString());
        n.put("expiresAt", c.notAfter().toString());
        n.put("fingerprint", c.fingerprint());
        n.put("addedAt", c.addedAt().toString());
        return n;
    }

    static ObjectNode of(HttpsSettings s) {
        ObjectNode n = Json.object();
        n.put("forceHttps", s.forceHttps());
        n.put("hstsMaxAge", s.hstsMaxAgeSeconds());
        n.put("hstsIncludeSubdomains", s.hstsIncludeSubdomains());
        return n;
    }
}
