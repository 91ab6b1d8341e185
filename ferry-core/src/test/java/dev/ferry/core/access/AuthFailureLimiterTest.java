package dev.ferry.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthFailureLimiterTest {

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final TestClock clock = new TestClock();
    private final List<AuthFailureLimiter.Failure> reported = new ArrayList<>();
    private final AuthFailureLimiter limiter = new AuthFailureLimiter(new AuthFailureLimits(3, Duration.ofSeconds(60)),
            reported::add, clock);

    @Test
    void refusesAnAddressForAWindowOnceItReachedTheLimit() throws Exception {
        InetAddress client = InetAddress.getByName("127.0.0.1");
        assertThat(limiter.failed(client, "API token")).isEmpty();
        assertThat(limiter.failed(client, "API token")).isEmpty();
        assertThat(limiter.refusal(client)).isEmpty();
        assertThat(limiter.failed(client, "git password")).contains(Duration.ofSeconds(60));

        clock.now = clock.now.plusSeconds(45);
        assertThat(limiter.refusal(client)).contains(Duration.ofSeconds(15));
        assertThat(limiter.refusal(InetAddress.getByName("127.0.0.2"))).isEmpty();

        clock.now = clock.now.plusSeconds(15);
        assertThat(limiter.refusal(client)).isEmpty();
        assertThat(limiter.failed(client, "API token")).as("a new window starts").isEmpty();
        assertThat(reported).extracting(AuthFailureLimiter.Failure::failuresInWindow).containsExactly(1, 2, 3, 1);
        assertThat(reported.get(2).what()).isEqualTo("git password");
        assertThat(reported.get(2).client()).isEqualTo("127.0.0.1");
        assertThat(reported.get(2).refusedFor()).contains(Duration.ofSeconds(60));
    }

    @Test
    void forgetsFailuresOfAnEndedWindow() throws Exception {
        InetAddress client = InetAddress.getByName("127.0.0.1");
        limiter.failed(client, "API token");
        limiter.failed(client, "API token");
        clock.now = clock.now.plusSeconds(61);
        limiter.failed(client, "API token");
        limiter.failed(client, "API token");
        assertThat(limiter.refusal(client)).isEmpty();
    }

    @Test
    void countsIpv6ClientsPerSlash64AndMappedIpv4AsIpv4() throws Exception {
        limiter.failed(InetAddress.getByName("fd00:1:2:3::1"), "SSH key");
        limiter.failed(InetAddress.getByName("fd00:1:2:3::2"), "SSH key");
        limiter.failed(InetAddress.getByName("fd00:1:2:3:ffff::9"), "SSH key");
        assertThat(limiter.refusal(InetAddress.getByName("fd00:1:2:3::77"))).isPresent();
        assertThat(limiter.refusal(InetAddress.getByName("fd00:1:2:4::1"))).isEmpty();
        assertThat(AuthFailureLimiter.key(InetAddress.getByName("::ffff:127.0.0.1"))).isEqualTo("127.0.0.1");
    }

    @Test
    void takesAddressesAsTextAndNeverRefusesWhatIsNotOne() {
        limiter.failed("127.0.0.3", "API token");
        limiter.failed("127.0.0.3", "API token");
        limiter.failed("127.0.0.3", "API token");
        assertThat(limiter.refusal("127.0.0.3")).isPresent();
        assertThat(limiter.refusal("not-an-address")).isEmpty();
    }

    @Test
    void anUnlimitedLimiterNeverRefuses() throws Exception {
        AuthFailureLimiter unlimited = AuthFailureLimiter.unlimited();
        InetAddress client = InetAddress.getByName("127.0.0.1");
        for (int i = 0; i < 1_000; i++) {
            unlimited.failed(client, "API token");
        }
        assertThat(unlimited.refusal(client)).isEmpty();
    }
}
