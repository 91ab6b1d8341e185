package dev.ferry.router.http1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.router.error.ProxyError;
import dev.ferry.router.handler.TrustedProxies;
import org.junit.jupiter.api.Test;

/** The method, target, limit and request-id rules, each on heads read from bytes. */
class HeadRulesTest {

    @Test
    void refusesConnectAndTraceWith405() {
        assertThat(Heads.read("CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n").refused().error())
                .isEqualTo(ProxyError.METHOD_NOT_ALLOWED);
        assertThat(Heads.read("TRACE / HTTP/1.1\r\nHost: a\r\n\r\n").refused().error())
                .isEqualTo(ProxyError.METHOD_NOT_ALLOWED);
        assertThat(Heads.read("trace / HTTP/1.1\r\nHost: a\r\n\r\n").accepted()).isTrue();
    }

    @Test
    void acceptsOriginAbsoluteAndOptionsAsteriskTargets() {
        assertThat(Heads.read("GET /x HTTP/1.1\r\nHost: a\r\n\r\n").accepted()).isTrue();
        assertThat(Heads.read("GET HTTPS://a/x HTTP/1.1\r\nHost: a\r\n\r\n").accepted()).isTrue();
        assertThat(Heads.read("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n").accepted()).isTrue();
    }

    @Test
    void refusesTargetsInNoAcceptedForm() {
        assertThat(Heads.read("GET abc HTTP/1.1\r\nHost: a\r\n\r\n").status()).isEqualTo(400);
        assertThat(Heads.read("GET * HTTP/1.1\r\nHost: a\r\n\r\n").status()).isEqualTo(400);
        assertThat(Heads.read("GET ftp://a/x HTTP/1.1\r\nHost: a\r\n\r\n").status()).isEqualTo(400);
    }

    @Test
    void refusesMoreFieldsThanTheLimitWith431() {
        String fields = "X-N: 1\r\n".repeat(99);
        assertThat(Heads.read("GET / HTTP/1.1\r\nHost: a\r\n" + fields + "\r\n").accepted()).isTrue();

        assertThat(Heads.read("GET / HTTP/1.1\r\nHost: a\r\nX-N: 1\r\n" + fields + "\r\n").refused().error())
                .isEqualTo(ProxyError.HEADERS_TOO_LARGE);
    }

    @Test
    void refusesAFieldLineOverTheLimitWith431() {
        HeadLimits limits = new HeadLimits(8192, 65536, 1024, 100);
        String name = "X-Line: ";
        String fits = "GET / HTTP/1.1\r\nHost: a\r\n" + name + "v".repeat(1024 - name.length()) + "  \r\n\r\n";
        String over = "GET / HTTP/1.1\r\nHost: a\r\n" + name + "v".repeat(1025 - name.length()) + "\r\n\r\n";

        assertThat(Heads.read(fits, limits, TrustedProxies.NONE).accepted()).isTrue();
        assertThat(Heads.read(over, limits, TrustedProxies.NONE).refused().error()).isEqualTo(ProxyError.HEADERS_TOO_LARGE);
    }

    @Test
    void refusesSyntaxBeforeLimits() {
        String fields = "X-N: 1\r\n".repeat(120);

        assertThat(Heads.read("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n" + fields + "\r\n").status()).isEqualTo(400);
    }

    @Test
    void keepsASafeRequestIdAndReplacesOthers() {
        RequestHead kept = Heads.read("GET / HTTP/1.1\r\nHost: a\r\nX-Request-Id: abc-123/x=\r\n\r\n").head();
        assertThat(kept.requestId()).isEqualTo("abc-123/x=");
        assertThat(kept.added().get("X-Request-Id")).isNull();
        assertThat(kept.isDropped(1)).isFalse();

        for (String sent : new String[] {"X-Request-Id: a b\r\n", "X-Request-Id: a\r\nX-Request-Id: b\r\n",
                "X-Request-Id: " + "a".repeat(201) + "\r\n", ""}) {
            RequestHead head = Heads.read("GET / HTTP/1.1\r\nHost: a\r\n" + sent + "\r\n").head();
            assertThat(head.requestId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(head.added().get("X-Request-Id")).isEqualTo(head.requestId());
            for (int i = 0; i < head.fieldCount(); i++) {
                assertThat(head.isDropped(i)).isEqualTo(head.name(i) == FieldName.X_REQUEST_ID);
            }
        }
    }
}
