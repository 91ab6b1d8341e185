package dev.ferry.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpProbeAnswerTest {

    private static boolean feed(HttpProbeAnswer answer, String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        return answer.read(b, 0, b.length);
    }

    @Test
    void knowsTheStatusFromTwelveBytesButIsCompleteOnlyWithTheWholeBody() {
        HttpProbeAnswer a = new HttpProbeAnswer();
        assertThat(feed(a, "HTTP/1.1 4")).isFalse();
        assertThat(a.statusKnown()).isFalse();
        assertThat(feed(a, "04 Not Found\r\nContent-Length: 5\r\n\r\nab")).isFalse();
        assertThat(a.status()).isEqualTo(404);
        assertThat(feed(a, "cde")).isTrue();
        assertThat(a.body()).isEqualTo("abcde");
    }

    @Test
    void readsAChunkedBodyToItsLastChunk() {
        HttpProbeAnswer a = new HttpProbeAnswer();
        assertThat(feed(a, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n")).isFalse();
        assertThat(feed(a, "6\r\n world\r\n0\r\n\r\n")).isTrue();
        assertThat(a.body()).isEqualTo("hello world");
    }

    @Test
    void readsAnUnframedBodyUntilTheServerCloses() {
        HttpProbeAnswer a = new HttpProbeAnswer();
        assertThat(feed(a, "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nhi")).isFalse();
        a.closed();
        assertThat(a.complete()).isTrue();
        assertThat(a.body()).isEqualTo("hi");
    }

    @Test
    void expectsNoBodyAfter204Or304() {
        HttpProbeAnswer a = new HttpProbeAnswer();
        assertThat(feed(a, "HTTP/1.1 204 No Content\r\n\r\n")).isTrue();
    }

    @Test
    void endsAtOnceOnAnAnswerThatIsNotHttp() {
        HttpProbeAnswer a = new HttpProbeAnswer();
        assertThat(feed(a, "SSH-2.0-OpenSSH_9.6\r\n")).isTrue();
        assertThat(a.status()).isZero();
    }

    @Test
    void stopsReadingAtItsLimit() {
        HttpProbeAnswer a = new HttpProbeAnswer();
        feed(a, "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n");
        byte[] chunk = new byte[HttpProbeAnswer.MAX_BYTES];
        assertThat(a.read(chunk, 0, chunk.length)).isTrue();
    }
}
