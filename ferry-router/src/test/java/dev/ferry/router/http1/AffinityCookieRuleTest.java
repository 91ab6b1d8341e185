package dev.ferry.router.http1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.router.handler.TrustedProxies;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

class AffinityCookieRuleTest {

    private final Forwarding connection = new Forwarding("127.0.0.1", TrustedProxies.NONE);

    private HttpHeaders forward(String cookies) {
        return connection.forward("GET / HTTP/1.1\r\nHost: a\r\n" + cookies + "\r\n").headers();
    }

    @Test
    void readsTheCookieAndKeepsItFromTheBackend() {
        HttpHeaders h = forward("Cookie: a=1; ferry_affinity=\"ep-7\" ;b=2\r\n");

        assertThat(connection.head().affinityId()).isEqualTo("ep-7");
        assertThat(h.getAll("Cookie")).containsExactly("a=1; b=2");
    }

    @Test
    void dropsACookieFieldThatHeldOnlyTheAffinityCookie() {
        HttpHeaders h = forward("Cookie: ferry_affinity=ep-1\r\nCookie: x=y\r\n");

        assertThat(connection.head().affinityId()).isEqualTo("ep-1");
        assertThat(h.getAll("Cookie")).containsExactly("x=y");
    }

    @Test
    void leavesOtherCookiesAsTheyCame() {
        HttpHeaders h = forward("Cookie: a=1;  Ferry_affinity=x; ferry_affinityX=2\r\n");

        assertThat(connection.head().affinityId()).isNull();
        assertThat(connection.written()).contains("\r\nCookie: a=1;  Ferry_affinity=x; ferry_affinityX=2\r\n");
        assertThat(h.get("Cookie")).isEqualTo("a=1;  Ferry_affinity=x; ferry_affinityX=2");
    }

    @Test
    void takesAnEmptyValueForNone() {
        forward("Cookie: ferry_affinity=; a=1\r\n");

        assertThat(connection.head().affinityId()).isNull();
    }

    @Test
    void forgetsTheCookieOfThePreviousRequest() {
        forward("Cookie: ferry_affinity=ep-1\r\n");
        forward("");

        assertThat(connection.head().affinityId()).isNull();
    }
}
