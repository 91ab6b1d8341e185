package dev.ferry.router.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthProbeTest {

    private final List<Boolean> results = new ArrayList<>();

    private EmbeddedChannel probe() {
        return new EmbeddedChannel(new HealthProbe("/healthz", "hello.localhost", results::add));
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    @Test
    void sendsAGetWithTheHostHeaderAndConnectionClose() {
        EmbeddedChannel ch = probe();
        ByteBuf request = ch.readOutbound();
        String text = request.toString(StandardCharsets.US_ASCII);
        request.release();
        assertThat(text).startsWith("GET /healthz HTTP/1.1\r\n").contains("\r\nHost: hello.localhost\r\n")
                .contains("\r\nConnection: close\r\n").endsWith("\r\n\r\n");
        ch.finishAndReleaseAll();
    }

    @Test
    void countsAStatusBelow500AsSuccessEvenWhenSplitAcrossReads() {
        EmbeddedChannel ch = probe();
        ch.writeInbound(ascii("HTTP/1.1 4"));
        assertThat(results).isEmpty();
        ch.writeInbound(ascii("04 Not Found\r\nContent-Length: 0\r\n\r\n"));
        assertThat(results).containsExactly(true);
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void countsA5xxAGarbledLineOrAnEarlyCloseAsFailure() {
        EmbeddedChannel five = probe();
        five.writeInbound(ascii("HTTP/1.1 503 Service Unavailable\r\n"));
        EmbeddedChannel garbled = probe();
        garbled.writeInbound(ascii("SSH-2.0-OpenSSH_9.6\r\n"));
        EmbeddedChannel closed = probe();
        closed.writeInbound(ascii("HTTP/1.1"));
        closed.close();
        assertThat(results).containsExactly(false, false, false);
        five.finishAndReleaseAll();
        garbled.finishAndReleaseAll();
        closed.finishAndReleaseAll();
    }

    @Test
    void reportsAtTheStatusButClosesOnlyOnceTheWholeAnswerIsRead() {
        EmbeddedChannel ch = probe();
        ch.writeInbound(ascii("HTTP/1.0 200 OK\r\nContent-Length: 17\r\n\r\n"));
        assertThat(results).containsExactly(true);
        assertThat(ch.isOpen()).isTrue();
        ch.writeInbound(ascii("Hello from "));
        assertThat(ch.isOpen()).isTrue();
        ch.writeInbound(ascii("Ferry\n"));
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void reportsOnlyOnce() {
        EmbeddedChannel ch = probe();
        ch.writeInbound(ascii("HTTP/1.1 200 OK\r\n"));
        ch.close();
        assertThat(results).containsExactly(true);
        ch.finishAndReleaseAll();
    }
}
