package dev.ferry.tunnel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.store.AppName;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelloTest {

    @Test
    void roundTripsTheHelloLine() {
        Hello h = new Hello(AppName.of("hello"), true, "ferry_abc123");
        assertThat(h.encode()).isEqualTo("FERRY-TUNNEL/1 hello 1 ferry_abc123\n");
        assertThat(Hello.parse(h.encode())).isEqualTo(h);
    }

    @Test
    void refusesMalformedHelloLines() {
        assertThatThrownBy(() -> Hello.parse("GET / HTTP/1.1")).hasMessageContaining("FERRY-TUNNEL/1");
        assertThatThrownBy(() -> Hello.parse("FERRY-TUNNEL/1 Not_An_App 0 t")).hasMessageContaining("not an app name");
        assertThatThrownBy(() -> Hello.parse("FERRY-TUNNEL/1 hello 2 t")).hasMessageContaining("takeover");
        assertThatThrownBy(() -> new Hello(AppName.of("hello"), false, "a b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesWelcomesAndRefusals() {
        assertThat(Hello.parseAnswer("OK a--dev.localhost,a.localhost"))
                .isEqualTo(new Hello.Welcome(List.of("a--dev.localhost", "a.localhost")));
        Hello.Refusal r = (Hello.Refusal) Hello.parseAnswer("ERR forbidden bob may not use the app a");
        assertThat(r.code()).isEqualTo("forbidden");
        assertThat(r.sentence()).isEqualTo("bob may not use the app a");
        assertThat(r.permanent()).isTrue();
        assertThat(((Hello.Refusal) Hello.parseAnswer("ERR unavailable try later")).permanent()).isFalse();
        assertThat(((Hello.Refusal) Hello.parseAnswer("HTTP/1.1 400 Bad Request")).permanent()).isFalse();
    }

    @Test
    void normalisesFingerprints() {
        String hex = "ab".repeat(32);
        assertThat(Fingerprints.normalize("SHA256:" + hex.toUpperCase())).isEqualTo("sha256:" + hex);
        assertThatThrownBy(() -> Fingerprints.normalize("sha256:abc")).isInstanceOf(IllegalArgumentException.class);
    }
}
