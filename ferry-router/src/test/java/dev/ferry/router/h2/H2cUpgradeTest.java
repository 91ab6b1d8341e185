package dev.ferry.router.h2;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class H2cUpgradeTest {

    private static H2cUpgrade.Asks asks(String head) {
        return H2cUpgrade.asks(Unpooled.copiedBuffer(head, StandardCharsets.ISO_8859_1), 8192);
    }

    @Test
    void findsTheUpgradeTokenInAnyCase() {
        assertThat(asks("GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade, HTTP2-Settings\r\nUPGRADE: websocket, H2C\r\n"
                + "HTTP2-Settings: AAMAAABkAAQAoAAAAAIAAAAA\r\n\r\n")).isEqualTo(H2cUpgrade.Asks.YES);
    }

    @Test
    void aHeadThatDoesNotAskIsHttp11AtOnce() {
        assertThat(asks("GET /h2c HTTP/1.1\r\nHost: a\r\n\r\n")).isEqualTo(H2cUpgrade.Asks.NO);
        assertThat(asks("GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\n\r\n")).isEqualTo(H2cUpgrade.Asks.NO);
    }

    @Test
    void aRequestWithABodyIsNotUpgraded() {
        String ask = "POST / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                + "HTTP2-Settings: AAMAAABkAAQAoAAAAAIAAAAA\r\n";
        assertThat(asks(ask + "Content-Length: 5\r\n\r\nhello")).isEqualTo(H2cUpgrade.Asks.NO);
        assertThat(asks(ask + "Transfer-Encoding: chunked\r\n\r\n")).isEqualTo(H2cUpgrade.Asks.NO);
        assertThat(asks(ask + "Content-Length: 0\r\n\r\n")).isEqualTo(H2cUpgrade.Asks.YES);
    }

    @Test
    void aLineEndedByLfAloneIsLeftToTheHttp11ReaderToRefuse() {
        assertThat(asks("GET / HTTP/1.1\nHost: a\nUpgrade: h2c\n\n")).isEqualTo(H2cUpgrade.Asks.NO);
    }

    @Test
    void waitsForTheRestOfAHeadUpToTheLimit() {
        assertThat(asks("GET / HTTP/1.1\r\nHost: a\r\nUpgrade: h2")).isEqualTo(H2cUpgrade.Asks.INCOMPLETE);
        assertThat(H2cUpgrade.asks(Unpooled.copiedBuffer("GET / HTTP/1.1\r\nX: " + "a".repeat(300),
                StandardCharsets.ISO_8859_1), 256)).isEqualTo(H2cUpgrade.Asks.NO);
    }
}
