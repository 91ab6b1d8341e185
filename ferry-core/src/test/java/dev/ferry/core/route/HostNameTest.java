package dev.ferry.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostNameTest {

    @Test
    void normalizesCaseAndTrailingDot() {
        assertThat(HostName.normalizeDomain("App1.Local.")).isEqualTo("app1.local");
        assertThat(HostName.normalizeDomain("*.Example.com")).isEqualTo("*.example.com");
    }

    @Test
    void refusesMalformedDomains() {
        for (String bad : new String[] {"", " ", "a..b", "-a.com", "a-.com", "a b.com", "*", "*.", "**.com", "a.*.com", "http://a.com", "a_b.com",
                "x".repeat(64) + ".com", ".a", "a.-", "é.com", "a.b..", "*.a..b"}) {
            assertThatThrownBy(() -> HostName.normalizeDomain(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void acceptsTheEdgesOfALabel() {
        for (String good : new String[] {"a", "0", "a-b.c", "x".repeat(63) + ".com", "1-2-3.example", "*.a", "xn--bcher-kva.example"}) {
            assertThat(HostName.normalizeDomain(good)).as(good).isEqualTo(good);
        }
    }

    @Test
    void returnsACanonicalDomainItself() {
        String canonical = "r1.bulk.bench";
        assertThat(HostName.normalizeDomain(canonical)).isSameAs(canonical);
    }

    @Test
    void normalizesHostHeaders() {
        assertThat(HostName.normalizeHostHeader("App1.LOCAL:8080")).isEqualTo("app1.local");
        assertThat(HostName.normalizeHostHeader("app1.local.")).isEqualTo("app1.local");
        assertThat(HostName.normalizeHostHeader("[::1]:8080")).isEqualTo("[::1]");
        assertThat(HostName.normalizeHostHeader("")).isNull();
        assertThat(HostName.normalizeHostHeader(null)).isNull();
    }
}
