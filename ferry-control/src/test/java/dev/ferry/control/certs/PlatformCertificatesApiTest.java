package dev.ferry.control.certs;

import static dev.ferry.control.RunningControlServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.control.RunningControlServer;
import dev.ferry.core.store.AppHostNames;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Certificate;
import dev.ferry.core.store.CertificateSource;
import dev.ferry.core.tls.CertificateCheck;
import dev.ferry.core.tls.Pem;
import dev.ferry.testing.TestPki;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PlatformCertificatesApiTest {

    private static final AppName OWNER = new AppName("ferry--wildcard");

    private final RunningControlServer api = new RunningControlServer(store ->
            List.of(CertificatesApi.over(store, new AppHostNames("apps.test"), true)));
    private final TestPki pki = new TestPki();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void showsAdminsTheWildcardsExpiryStatusAndLastFailureButNeverItsKey() {
        assertThat(json(api.call("GET", "/api/certs/platform", null))).isEmpty();
        api.store.acme().recordPlatformFailure("*.apps.test", "ACME wildcard certificate for *.apps.test failed: NOTAUTH");
        JsonNode missing = json(api.call("GET", "/api/certs/platform", null)).get(0);
        assertThat(missing.get("status").asText()).isEqualTo("missing");
        assertThat(missing.hasNonNull("expiresAt")).isFalse();

        TestPki.Issued leaf = pki.leaf("*.apps.test", "apps.test");
        Certificate checked = CertificateCheck.check(OWNER, "*.apps.test",
                Pem.encodeCertificates(List.of(leaf.certificate())), leaf.keyPem(), Instant.now());
        api.store.acme().putPlatformCertificate(new Certificate(checked.name(), OWNER, checked.hostNames(),
                checked.subject(), checked.issuer(), checked.notBefore(), checked.notAfter(), checked.fingerprint(),
                checked.chainPem(), checked.addedAt(), CertificateSource.ACME), leaf.keyPem(), "issued");
        api.store.acme().recordPlatformFailure("*.apps.test", "ACME wildcard certificate for *.apps.test failed: timeout");

        HttpResponse<String> r = api.call("GET", "/api/certs/platform", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("PRIVATE KEY");
        JsonNode w = json(r).get(0);
        assertThat(w.get("name").asText()).isEqualTo("*.apps.test");
        assertThat(w.get("hostnames").toString()).contains("*.apps.test", "apps.test");
        assertThat(w.get("expiresAt").asText()).isEqualTo(checked.notAfter().toString());
        assertThat(w.get("fingerprint").asText()).isEqualTo(checked.fingerprint());
        assertThat(w.get("status").asText()).isEqualTo("failing");
        assertThat(w.get("failures").asInt()).isEqualTo(1);
        assertThat(w.get("lastFailure").asText()).endsWith("failed: timeout");
    }

    @Test
    void refusesUsersWhoAreNotAdmins() {
        String user = api.newUser("dev@example.com");
        HttpResponse<String> r = api.call("GET", "/api/certs/platform", null, user);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).get("error").asText()).contains("admin");
    }
}
