package dev.ferry.router.http1;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HostRuleTest {

    private static Heads.Outcome get(String target, String version, String fields) {
        return Heads.read("GET " + target + " HTTP/" + version + "\r\n" + fields + "\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"app.localhost", "app.localhost:8080", "127.0.0.1", "[::1]:80", "[2001:db8::1]", "a-b_c~d:65535"})
    void acceptsHostAndPort(String host) {
        Heads.Outcome o = get("/", "1.1", "Host: " + host + "\r\n");

        assertThat(o.accepted()).isTrue();
        assertThat(o.head().host()).isEqualTo(host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "user@app.localhost", "app:65536", "app:123456", "app:8x", "[::1", "[zz]", "[]", ":80", "a/b"})
    void refusesHostsThatAreNotHostAndPort(String host) {
        assertThat(get("/", "1.1", "Host: " + host + "\r\n").status()).isEqualTo(400);
    }

    @Test
    void refusesNoHostAndTwoHosts() {
        assertThat(get("/", "1.1", "").status()).isEqualTo(400);
        assertThat(get("/", "1.1", "Host: a\r\nHost: a\r\n").status()).isEqualTo(400);
        assertThat(get("/", "1.0", "").status()).isEqualTo(400);
    }

    @ParameterizedTest
    @CsvSource({"http://app.localhost/x?y, /x?y", "http://app.localhost, /", "HTTP://app.localhost?q=1, /?q=1",
            "http://app.localhost:80/p, /p"})
    void forwardsAnAbsoluteFormTargetInOriginForm(String target, String origin) {
        Heads.Outcome o = get(target, "1.1", "Host: app.localhost\r\n");

        assertThat(o.accepted()).isTrue();
        assertThat(o.head().originTarget()).isEqualTo(origin);
    }

    @Test
    void refusesAnAbsoluteFormTargetThatDisagreesWithHost() {
        assertThat(get("http://other.localhost/", "1.1", "Host: app.localhost\r\n").status()).isEqualTo(400);
        assertThat(get("https://app.localhost/", "1.1", "Host: app.localhost:80\r\n").status()).isEqualTo(400);
        assertThat(get("http://user@app.localhost/", "1.1", "Host: app.localhost\r\n").status()).isEqualTo(400);
        assertThat(get("http:///x", "1.1", "Host: app.localhost\r\n").status()).isEqualTo(400);
    }

    @Test
    void takesTheHostOfAnHttp10AbsoluteFormRequestFromItsTarget() {
        Heads.Outcome o = get("http://app.localhost:8080/x", "1.0", "");

        assertThat(o.accepted()).isTrue();
        assertThat(o.head().host()).isEqualTo("app.localhost:8080");
        assertThat(o.head().added().get("Host")).isEqualTo("app.localhost:8080");
        assertThat(get("http://app.localhost/x", "1.1", "").status()).isEqualTo(400);
    }
}
