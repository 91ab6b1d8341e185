package dev.ferry.control.certs;

import static dev.ferry.control.RunningControlServer.assertError;
import static dev.ferry.control.RunningControlServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.control.RunningControlServer;
import dev.ferry.core.store.AppHostNames;
import dev.ferry.core.store.AppName;
import dev.ferry.core.tls.Pem;
import dev.ferry.testing.TestPki;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CertificatesApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunningControlServer api = new RunningControlServer(store ->
            List.of(CertificatesApi.over(store, new AppHostNames("localhost"), true)));
    private final TestPki pki = new TestPki();

    @BeforeEach
    void createApp() {
        assertThat(api.call("POST", "/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
        assertThat(api.call("POST", "/api/apps/hello/domains", "{\"hostname\":\"www.hello.test\"}").statusCode())
                .isEqualTo(201);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static String upload(String chainPem, String keyPem) {
        ObjectNode body = JSON.createObjectNode();
        body.put("certificate", chainPem);
        body.put("privateKey", keyPem);
        return body.toString();
    }

    private static String chain(TestPki.Issued... certs) {
        return Pem.encodeCertificates(java.util.Arrays.stream(certs).map(TestPki.Issued::certificate).toList());
    }

    @Test
    void addsACertificateForTheAppsHostsAndNeverAnswersItsKey() {
        TestPki.Issued leaf = pki.leaf("www.hello.test", "hello.localhost");

        HttpResponse<String> added = api.call("POST", "/api/apps/hello/certs", upload(chain(leaf, pki.root()), leaf.keyPem()));
        HttpResponse<String> listed = api.call("GET", "/api/apps/hello/certs", null);

        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        JsonNode cert = json(added);
        assertThat(cert.get("name").asText()).isEqualTo("www.hello.test");
        assertThat(cert.get("hostnames")).extracting(JsonNode::asText).containsExactly("www.hello.test", "hello.localhost");
        assertThat(cert.get("fingerprint").asText()).isEqualTo(Pem.fingerprint(leaf.certificate()));
        assertThat(cert.get("expiresAt").asText()).isEqualTo(leaf.certificate().getNotAfter().toInstant().toString());
        assertThat(json(listed)).hasSize(1);
        assertThat(added.body() + listed.body()).doesNotContain("PRIVATE KEY").doesNotContain("privateKey");
        assertThat(api.store.certificates().servingCertificates().getFirst().privateKeyPem()).isEqualTo(leaf.keyPem());
    }

    @Test
    void refusesAChainOutOfOrder() {
        TestPki.Issued leaf = pki.leaf("www.hello.test");
        HttpResponse<String> rootFirst = api.call("POST", "/api/apps/hello/certs", upload(chain(pki.root(), leaf), leaf.keyPem()));
        TestPki other = new TestPki();
        HttpResponse<String> wrongIssuer = api.call("POST", "/api/apps/hello/certs",
                upload(chain(leaf, other.root()), leaf.keyPem()));

        refused(rootFirst, "is a CA certificate; put the server's own certificate first");
        refused(wrongIssuer, "The chain is broken");
    }

    @Test
    void refusesAKeyOfAnotherCertificate() {
        TestPki.Issued leaf = pki.leaf("www.hello.test");
        TestPki.Issued other = pki.leaf("www.hello.test");
        refused(api.call("POST", "/api/apps/hello/certs", upload(chain(leaf), other.keyPem())),
                "The private key does not match the certificate");
    }

    @Test
    void refusesNamesThatCoverNoneOfTheAppsHosts() {
        TestPki.Issued leaf = pki.leaf("www.elsewhere.test", "*.hello.localhost");
        refused(api.call("POST", "/api/apps/hello/certs", upload(chain(leaf), leaf.keyPem())),
                "The certificate covers www.elsewhere.test, *.hello.localhost but none of the app's hosts"
                        + " (hello.localhost, www.hello.test)");
    }

    @Test
    void refusesAnExpiredCertificate() {
        TestPki.Issued leaf = pki.leaf(Instant.now().minus(Duration.ofDays(60)), Instant.now().minus(Duration.ofDays(1)),
                "www.hello.test");
        refused(api.call("POST", "/api/apps/hello/certs", upload(chain(leaf), leaf.keyPem())), "expired on");
    }

    @Test
    void refusesWhatIsNotPem() {
        TestPki.Issued leaf = pki.leaf("www.hello.test");
        refused(api.call("POST", "/api/apps/hello/certs", upload("hello", leaf.keyPem())), "holds no PEM certificate");
        refused(api.call("POST", "/api/apps/hello/certs", upload(chain(leaf),
                "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n")), "convert it to PKCS#8");
        refused(api.call("POST", "/api/apps/hello/certs", upload(chain(leaf), chain(leaf))), "not a PRIVATE KEY");
    }

    @Test
    void refusesANameThatIsNotOne() {
        TestPki.Issued leaf = pki.leaf("hello.localhost");
        ObjectNode body = JSON.createObjectNode();
        body.put("certificate", chain(leaf)).put("privateKey", leaf.keyPem()).put("name", "../../etc");
        refused(api.call("POST", "/api/apps/hello/certs", body.toString()), "'../../etc' is not one");
    }

    @Test
    void removesACertificateByName() {
        TestPki.Issued leaf = pki.leaf("hello.localhost");
        api.call("POST", "/api/apps/hello/certs", upload(chain(leaf), leaf.keyPem()));

        assertThat(api.call("DELETE", "/api/apps/hello/certs/hello.localhost", null).statusCode()).isEqualTo(204);
        assertThat(json(api.call("GET", "/api/apps/hello/certs", null))).isEmpty();
        assertError(api.call("DELETE", "/api/apps/hello/certs/hello.localhost", null), 404, "certificate_not_found");
    }

    @Test
    void changesHttpsSettingsAndRefusesAnHstsAgeOutOfRange() {
        HttpResponse<String> force = api.call("PATCH", "/api/apps/hello/https", "{\"forceHttps\":true}");
        HttpResponse<String> hsts = api.call("PATCH", "/api/apps/hello/https", "{\"hstsMaxAge\":31536000}");
        HttpResponse<String> bad = api.call("PATCH", "/api/apps/hello/https", "{\"hstsMaxAge\":-1}");

        assertThat(force.statusCode()).isEqualTo(200);
        assertThat(json(hsts).get("forceHttps").asBoolean()).isTrue();
        assertThat(json(hsts).get("hstsMaxAge").asLong()).isEqualTo(31_536_000);
        assertError(bad, 400, "bad_request");
        assertThat(json(bad).get("error").asText()).contains("between 0 (off) and 63072000");
        assertThat(api.store.certificates().httpsSettings(AppName.of("hello")).hstsMaxAgeSeconds()).isEqualTo(31_536_000);
    }

    @Test
    void refusesARequestWithoutAKeyOrWithAFieldItDoesNotKnowAndStoresNothing() {
        TestPki.Issued leaf = pki.leaf("hello.localhost");
        ObjectNode noKey = JSON.createObjectNode().put("certificate", chain(leaf));
        ObjectNode typo = JSON.createObjectNode().put("certificate", chain(leaf)).put("privateKey", leaf.keyPem())
                .put("nme", "mine");

        HttpResponse<String> missing = api.call("POST", "/api/apps/hello/certs", noKey.toString());
        HttpResponse<String> unknown = api.call("POST", "/api/apps/hello/certs", typo.toString());

        assertError(missing, 400, "bad_request");
        assertThat(json(missing).get("error").asText()).isEqualTo("the request body needs the field 'privateKey'");
        assertError(unknown, 400, "bad_request");
        assertThat(json(unknown).get("error").asText()).contains("unknown field 'nme'");
        assertThat(api.store.certificates().certificates(AppName.of("hello"))).isEmpty();
    }

    @Test
    void aSettingLeftOutOfThePatchKeepsItsValueAndAFractionalAgeIsRefused() {
        api.call("PATCH", "/api/apps/hello/https", "{\"hstsMaxAge\":600,\"hstsIncludeSubdomains\":true}");

        HttpResponse<String> force = api.call("PATCH", "/api/apps/hello/https", "{\"forceHttps\":true}");
        HttpResponse<String> fraction = api.call("PATCH", "/api/apps/hello/https", "{\"hstsMaxAge\":600.5}");
        HttpResponse<String> text = api.call("PATCH", "/api/apps/hello/https", "{\"hstsMaxAge\":\"600\"}");

        assertThat(force.body()).isEqualTo("{\"forceHttps\":true,\"hstsMaxAge\":600,\"hstsIncludeSubdomains\":true}");
        assertError(fraction, 400, "bad_request");
        assertError(text, 400, "bad_request");
        assertThat(api.store.certificates().httpsSettings(AppName.of("hello")).hstsMaxAgeSeconds()).isEqualTo(600);
    }

    @Test
    void anotherUserCannotSeeOrChangeTheAppsCertificates() {
        String token = api.newUser("eve@example.com");
        TestPki.Issued leaf = pki.leaf("hello.localhost");
        HttpResponse<String> add = api.call("POST", "/api/apps/hello/certs", upload(chain(leaf), leaf.keyPem()), token);
        HttpResponse<String> list = api.call("GET", "/api/apps/hello/certs", null, token);

        assertThat(add.statusCode()).isIn(403, 404);
        assertThat(list.statusCode()).isIn(403, 404);
        assertThat(api.store.certificates().servingCertificates()).isEmpty();
    }

    private void refused(HttpResponse<String> r, String reason) {
        assertError(r, 422, "invalid_certificate");
        assertThat(json(r).get("error").asText()).contains(reason);
        assertThat(api.store.certificates().certificates(AppName.of("hello"))).isEmpty();
    }

    @Test
    void autoCertificatesAreOnByDefaultAndTurnOffAndOnPerAppLeavingUsersCertificates() throws Exception {
        TestPki.Issued leaf = pki.leaf("www.hello.test");
        assertThat(api.call("POST", "/api/apps/hello/certs", upload(chain(leaf, pki.root()), leaf.keyPem())).statusCode())
                .isEqualTo(201);

        JsonNode before = json(api.call("GET", "/api/apps/hello/certs/auto", null));
        HttpResponse<String> off = api.call("PUT", "/api/apps/hello/certs/auto", "{\"enabled\":false}");

        assertThat(before.get("enabled").asBoolean()).isTrue();
        assertThat(before.get("issuerRunning").asBoolean()).isTrue();
        assertThat(before.get("hosts")).extracting(h -> h.get("host").asText() + " " + h.get("status").asText())
                .containsExactly("hello.localhost never", "www.hello.test user");
        assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
        assertThat(json(off).get("enabled").asBoolean()).isFalse();
        assertThat(json(off).get("hosts").get(1).get("status").asText()).isEqualTo("user"); // still the user's
        assertThat(api.store.acme().autoCertificates(AppName.of("hello"))).isFalse();
        assertThat(api.store.certificates().certificates(AppName.of("hello"))).hasSize(1);

        assertError(api.call("PUT", "/api/apps/hello/certs/auto", "{}"), 400, "bad_request");
        assertError(api.call("PUT", "/api/apps/hello/certs/auto", "{\"enabled\":\"maybe\"}"), 400, "bad_request");
        assertThat(api.store.acme().autoCertificates(AppName.of("hello"))).isFalse(); // bad input changed nothing
        assertThat(json(api.call("PUT", "/api/apps/hello/certs/auto", "{\"enabled\":true}")).get("enabled").asBoolean())
                .isTrue();
    }
}
