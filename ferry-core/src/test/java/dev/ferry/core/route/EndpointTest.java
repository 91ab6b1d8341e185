package dev.ferry.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointTest {

    @Test
    void parsesHttpTargets() {
        Endpoint e = Endpoint.parseUrl("http://127.0.0.1:9001", "http", 1);
        assertThat(e.host()).isEqualTo("127.0.0.1");
        assertThat(e.port()).isEqualTo(9001);
        assertThat(e.url("http")).isEqualTo("http://127.0.0.1:9001");
        assertThat(Endpoint.parseUrl("http://backend/", "http", 1).port()).isEqualTo(80);
    }

    @Test
    void idIsOpaqueAndStable() {
        assertThat(Endpoint.of("127.0.0.1", 9001).id()).isEqualTo(Endpoint.of("127.0.0.1", 9001, 5).id())
                .doesNotContain("127").hasSize(12);
    }

    @Test
    void refusesNonHttpAndPaths() {
        assertThatThrownBy(() -> Endpoint.parseUrl("ftp://x:1", "http", 1)).hasMessageContaining("http://");
        assertThatThrownBy(() -> Endpoint.parseUrl("http://x:1/app", "http", 1)).hasMessageContaining("only");
        assertThatThrownBy(() -> Endpoint.parseUrl("http://x:99999", "http", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Endpoint.parseUrl("not a url", "http", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Endpoint.parseUrl("tcp://x", "tcp", 1)).hasMessageContaining("port");
    }
}
