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
        for (String bad : new String[] {"", " ", "a..b", "-a.com", "a-.com", "a b.com", "*", "a.*.com", "http://a.com", "a_b.com",
                "x".repeat(64) + ".com"}) {
            assertThatThrownBy(() -> HostName.normalizeDomain(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
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
