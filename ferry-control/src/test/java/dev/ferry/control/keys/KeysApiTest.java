package dev.ferry.control.keys;

import static dev.ferry.control.RunningControlServer.assertError;
import static dev.ferry.control.RunningControlServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.control.RunningControlServer;
import dev.ferry.core.store.EventAction;
import dev.ferry.core.store.Page;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeysApiTest {

    static final String ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICPfY2e+TgyLgNBkRAjwIwZCslfLQJfEjJlKWUXkkvJZ alice@laptop";
    static final String ED25519_FINGERPRINT = "SHA256:Y0tB42rzlaJcy8ViyoHvwdwz4waIVvkPnRgcsd+2rkc";
    static final String RSA = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDwCjoKpNG8T8ya91xcTg4wVRt/0Eq2cdCKBxHysbp+hOwEHjZRtembeJ8L0LDABr7PrSxGLSiLpjudxOu52a39njvssJvDaZh9+k1R01lYZbQZTtRp9+rmMYBo+mZPnI3yi6QFxXMB+AGDRqWTgCNborSJjcdpPDgNxo8Dgy/hnnJIgtgkek65CmMlFBArZT9OrbXI3ymFZKr1+dP3kOaUbHYyur/61yFnp+uZqS1/rpT5cyPiUPn2ep40q4NWCJH8nC59dPP+6Nq94j0+ojocrUewWz3zw7MtpZ0SyFQtxjEKCcCqJOFRMhnAWzCOSLoaExAMvf1BaGA4lsvYYEX1 old box";
    static final String RSA_1024 = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDF6jCyBF0C9QvI0EW7NmflET12KI2ORwfz4OH1gBHScE/jpU6z/atE1GjENtbH3TTPiCFsj/NdBCqBgTDR56pSi72yZCWOcgH5+tlfmbPfkFlbWkbDId3AFLgogWaIcpGVsxub5DS+RII6d+ha/i08g6ATPp8PSp8RZLiEYjiC0Q== weak";

    private final RunningControlServer api = new RunningControlServer();

    @AfterEach
    void stop() {
        api.close();
    }

    private static String body(String publicKey) {
        return "{\"publicKey\":\"" + publicKey + "\"}";
    }

    @Test
    void addsAndListsTheCallersOwnKeys() {
        String alice = api.newUser("alice@example.com");
        HttpResponse<String> added = api.call("POST", "/api/keys", body(ED25519 + "\\n"), alice);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        JsonNode key = json(added);
        assertThat(key.get("fingerprint").asText()).isEqualTo(ED25519_FINGERPRINT);
        assertThat(key.get("type").asText()).isEqualTo("ssh-ed25519");
        assertThat(key.get("comment").asText()).isEqualTo("alice@laptop");
        assertThat(key.get("addedAt").asText()).isNotBlank();
        api.call("POST", "/api/keys", body(RSA), alice);

        assertThat(json(api.call("GET", "/api/keys", null, alice)).findValuesAsText("comment"))
                .containsExactly("alice@laptop", "old box");
        assertThat(json(api.call("GET", "/api/keys", null))).as("the admin's keys, not alice's").isEmpty();
        assertThat(api.store.events(Page.FIRST).items().get(0).action()).isEqualTo(EventAction.KEY_ADD);
    }

    @Test
    void refusesAMalformedKeyAndAKeyRegisteredAlready() {
        String alice = api.newUser("alice@example.com");
        HttpResponse<String> weak = api.call("POST", "/api/keys", body(RSA_1024), alice);
        assertError(weak, 400, "bad_request");
        assertThat(json(weak).get("error").asText()).contains("1024 bits; at least 2048");
        assertError(api.call("POST", "/api/keys", body("ssh-ed25519 AAAA"), alice), 400, "bad_request");
        assertError(api.call("POST", "/api/keys", "{}", alice), 400, "bad_request");
        assertError(api.call("POST", "/api/keys", "{\"publicKey\":\"x\",\"name\":\"y\"}", alice), 400, "bad_request");

        assertThat(api.call("POST", "/api/keys", body(ED25519), alice).statusCode()).isEqualTo(201);
        assertError(api.call("POST", "/api/keys", body(ED25519)), 409, "key_taken");
    }

    @Test
    void removesOwnKeysByCommentOrFingerprintWrittenEitherWay() {
        String alice = api.newUser("alice@example.com");
        api.call("POST", "/api/keys", body(ED25519), alice);
        api.call("POST", "/api/keys", body(RSA), alice);

        assertError(api.call("DELETE", "/api/keys/alice@laptop", null), 404, "key_not_found");
        assertThat(api.call("DELETE", "/api/keys/old%20box", null, alice).statusCode()).isEqualTo(204);
        String urlSafe = ED25519_FINGERPRINT.replace('+', '-').replace('/', '_');
        assertThat(api.call("DELETE", "/api/keys/" + urlSafe, null, alice).statusCode()).isEqualTo(204);
        assertThat(json(api.call("GET", "/api/keys", null, alice))).isEmpty();
        assertError(api.call("DELETE", "/api/keys/old%20box", null, alice), 404, "key_not_found");
    }

    @Test
    void tellsWhereGitOverSshListens() {
        String alice = api.newUser("alice@example.com");
        JsonNode ssh = json(api.call("GET", "/api/ssh", null, alice));
        assertThat(ssh.get("enabled").asBoolean()).isTrue();
        assertThat(ssh.get("port").asInt()).isEqualTo(RunningControlServer.SSH_PORT);
        assertThat(ssh.get("hostKeyFingerprint").asText()).isEqualTo(RunningControlServer.SSH_HOST_KEY);
        assertError(api.call("GET", "/api/keys", null, "ferry_not-a-token"), 401, "unauthorized");
    }

    @Test
    void saysSshIsOffWithExplicitNullsWhenThePlatformHasNoSshPort() {
        assertThat(dev.ferry.control.json.Json.tree(new dev.ferry.core.api.SshInfo(false, null, null)).toString())
                .isEqualTo("{\"enabled\":false,\"port\":null,\"hostKeyFingerprint\":null}");
        assertThat(api.call("GET", "/api/ssh", null).body()).isEqualTo("{\"enabled\":true,\"port\":"
                + RunningControlServer.SSH_PORT + ",\"hostKeyFingerprint\":\"" + RunningControlServer.SSH_HOST_KEY + "\"}");
    }
}
