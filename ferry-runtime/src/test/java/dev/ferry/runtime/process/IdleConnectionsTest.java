package dev.ferry.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdleConnectionsTest {

    private static final String IDLE = """
            0      0      [::ffff:127.0.0.1]:35759 [::ffff:127.0.0.1]:36602
            \t bbr wscale:10,10 rto:208 bytes_sent:1083 lastsnd:2304 lastrcv:2312 lastack:2256 app_limited
            """;
    private static final String PROCESSING = """
            0      0      127.0.0.1:35759 127.0.0.1:36618
            \t cubic rto:204 bytes_sent:1083 lastsnd:5000 lastrcv:900 lastack:900
            """;
    private static final String JUST_ANSWERED = """
            0      0      127.0.0.1:35759 127.0.0.1:36619
            \t cubic rto:204 bytes_sent:1083 lastsnd:20 lastrcv:30 lastack:20
            """;
    private static final String NOTHING_SENT_YET = """
            0      0      127.0.0.1:39111 127.0.0.1:38092
            \t bbr rto:200 bytes_received:79 segs_out:1 lastsnd:1488 lastrcv:1488 lastack:1488 app_limited
            """;
    private static final String QUEUED = """
            12     0      127.0.0.1:35759 127.0.0.1:36620
            \t cubic rto:204 bytes_sent:1083 lastsnd:2000 lastrcv:3000 lastack:2000
            """;

    @Test
    void seesKeepAliveConnectionAfterItsResponseAsIdle() {
        assertThat(IdleConnections.allIdle(IDLE, 500)).isTrue();
        assertThat(IdleConnections.allIdle("", 500)).isTrue();
    }

    @Test
    void seesRequestsInFlightAsBusy() {
        assertThat(IdleConnections.allIdle(IDLE + PROCESSING, 500)).isFalse();
        assertThat(IdleConnections.allIdle(JUST_ANSWERED, 500)).isFalse();
        assertThat(IdleConnections.allIdle(QUEUED, 500)).isFalse();
        assertThat(IdleConnections.allIdle(NOTHING_SENT_YET, 500)).isFalse();
    }
}
