package dev.ferry.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TransportTest {

    @Test
    void givesOneEventLoopPerUsableCoreByDefault() throws Exception {
        EventLoopGroup group = Transport.detect().newGroup(0, "transport-test");
        try {
            assertThat(((MultiThreadIoEventLoopGroup) group).executorCount())
                    .isEqualTo(Runtime.getRuntime().availableProcessors());
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void refusesANegativeNumberOfEventLoops() {
        assertThatThrownBy(() -> Transport.detect().newGroup(-1, "transport-test"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one per core");
    }
}
