package dev.ferry.router.http1;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BodyFramerTest {

    private final BodyFramer framer = new BodyFramer(8192);

    /** Feeds {@code parts} one after another, as separate reads, and answers what was handed on. */
    private String pass(String... parts) {
        StringBuilder out = new StringBuilder();
        ByteBuf in = Unpooled.buffer();
        for (String part : parts) {
            in.writeCharSequence(part, StandardCharsets.ISO_8859_1);
            ByteBuf slice;
            while ((slice = framer.next(in)) != null) {
                out.append(slice.toString(StandardCharsets.ISO_8859_1));
                slice.release();
            }
            in.discardReadBytes();
        }
        return out.toString();
    }

    @Test
    void passesAContentLengthBodyAndLeavesTheNextMessage() {
        framer.reset(BodyFramer.Mode.LENGTH, 5);
        ByteBuf in = Unpooled.copiedBuffer("helloGET /", StandardCharsets.ISO_8859_1);

        ByteBuf body = framer.next(in);

        assertThat(body.toString(StandardCharsets.ISO_8859_1)).isEqualTo("hello");
        assertThat(framer.isDone()).isTrue();
        assertThat(framer.next(in)).isNull();
        assertThat(in.toString(StandardCharsets.ISO_8859_1)).isEqualTo("GET /");
        assertThat(framer.payloadBytes()).isEqualTo(5);
    }

    @Test
    void passesAChunkedBodyAsItCameAcrossReadBoundaries() {
        framer.reset(BodyFramer.Mode.CHUNKED, 0);
        String body = "5;ext=1\r\nhello\r\nA\r\n0123456789\r\n0\r\nX-Sum: 1\r\n\r\n";
        String[] parts = new String[body.length()];
        for (int i = 0; i < body.length(); i++) {
            parts[i] = body.substring(i, i + 1);
        }

        assertThat(pass(parts)).isEqualTo(body);
        assertThat(framer.isDone()).isTrue();
        assertThat(framer.payloadBytes()).isEqualTo(15);
    }

    @Test
    void streamsChunkDataBeforeTheChunkEnds() {
        framer.reset(BodyFramer.Mode.CHUNKED, 0);

        assertThat(pass("10\r\n0123")).isEqualTo("10\r\n0123");
        assertThat(framer.isDone()).isFalse();
        assertThat(framer.failure()).isNull();
    }

    @Test
    void stopsAtTheEndOfAChunkedBody() {
        framer.reset(BodyFramer.Mode.CHUNKED, 0);
        ByteBuf in = Unpooled.copiedBuffer("1\r\na\r\n0\r\n\r\nNEXT", StandardCharsets.ISO_8859_1);

        assertThat(framer.next(in).toString(StandardCharsets.ISO_8859_1)).isEqualTo("1\r\na\r\n0\r\n\r\n");
        assertThat(framer.isDone()).isTrue();
        assertThat(in.toString(StandardCharsets.ISO_8859_1)).isEqualTo("NEXT");
    }

    static Stream<Arguments> badChunks() {
        return Stream.of(
                Arguments.of("overflowing chunk size", "FFFFFFFFFFFFFFFFFFFFF\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("0x chunk size", "0x5\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("space after chunk size", "5 \r\nhello\r\n0\r\n\r\n"),
                Arguments.of("space before chunk size", " 5\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("negative chunk size", "-5\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("empty chunk size", "\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("chunk size line ended by LF alone", "5\nhello\r\n0\r\n\r\n"),
                Arguments.of("chunk size line without its line end", "5hello\r\n0\r\n\r\n"),
                Arguments.of("chunk extension over the line limit", "5;" + "e".repeat(9000) + "\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("chunk extension over the line limit, unfinished", "5;" + "e".repeat(9000)),
                Arguments.of("NUL in a chunk extension", "5;a\0b\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("data longer than its size", "5\r\nhello!\r\n0\r\n\r\n"),
                Arguments.of("trailer that is not a field", "0\r\nnot a field\r\n\r\n"),
                Arguments.of("CR in a trailer", "0\r\nX-A: b\rc\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badChunks")
    void refusesMalformedChunkedBodies(String shape, String body) {
        framer.reset(BodyFramer.Mode.CHUNKED, 0);

        pass(body);

        assertThat(framer.failure()).isNotNull();
        assertThat(framer.isDone()).isFalse();
    }

    @Test
    void handsNothingOnFromABatchThatEndsInAFault() {
        framer.reset(BodyFramer.Mode.CHUNKED, 0);

        assertThat(pass("5\r\nhello\r\nzz\r\n")).isEmpty();
        assertThat(framer.failure()).isEqualTo("chunk size is not hexadecimal");
    }

    @Test
    void passesEverythingUntilCloseWithoutEnding() {
        framer.reset(BodyFramer.Mode.UNTIL_CLOSE, 0);

        assertThat(pass("abc", "def")).isEqualTo("abcdef");
        assertThat(framer.isDone()).isFalse();
    }

    @Test
    void isDoneAtOnceForNoBody() {
        framer.reset(BodyFramer.Mode.NONE, 0);

        assertThat(pass("GET / HTTP/1.1")).isEmpty();
        assertThat(framer.isDone()).isTrue();
    }
}
