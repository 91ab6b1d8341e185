package dev.ferry.router.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IdleTimeoutHandlerTest {

    private final EmbeddedChannel ch = new EmbeddedChannel(new IdleTimeoutHandler(Duration.ofSeconds(1)));

    private void after(long millis) {
        ch.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
    }

    @Test
    void closesAfterTheTimeoutWithoutTraffic() {
        after(900);
        assertThat(ch.isOpen()).isTrue();
        after(200);
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void countsReadsAndWritesAsTraffic() {
        after(700);
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {1}));
        after(700);
        assertThat(ch.isOpen()).as("read 700 ms ago").isTrue();
        ch.writeOutbound(Unpooled.wrappedBuffer(new byte[] {2}));
        after(700);
        assertThat(ch.isOpen()).as("written 700 ms ago").isTrue();
        after(400);
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }
}
