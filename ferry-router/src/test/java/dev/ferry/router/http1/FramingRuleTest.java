package dev.ferry.router.http1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FramingRuleTest {

    private static final String POST = "POST / HTTP/1.1\r\nHost: app.localhost\r\n";

    static Stream<Arguments> smuggling() {
        return Stream.of(
                Arguments.of("Content-Length with Transfer-Encoding", POST + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"),
                Arguments.of("Transfer-Encoding before Content-Length", POST + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n"),
                Arguments.of("two different Content-Lengths", POST + "Content-Length: 5\r\nContent-Length: 6\r\n\r\n"),
                Arguments.of("two equal Content-Lengths", POST + "Content-Length: 5\r\nContent-Length: 5\r\n\r\n"),
                Arguments.of("comma-listed Content-Length", POST + "Content-Length: 5, 5\r\n\r\n"),
                Arguments.of("signed Content-Length", POST + "Content-Length: +5\r\n\r\n"),
                Arguments.of("negative Content-Length", POST + "Content-Length: -5\r\n\r\n"),
                Arguments.of("hexadecimal Content-Length", POST + "Content-Length: 0x5\r\n\r\n"),
                Arguments.of("empty Content-Length", POST + "Content-Length: \r\n\r\n"),
                Arguments.of("overflowing Content-Length", POST + "Content-Length: 99999999999999999999999\r\n\r\n"),
                Arguments.of("chunked, identity", POST + "Transfer-Encoding: chunked, identity\r\n\r\n"),
                Arguments.of("xchunked", POST + "Transfer-Encoding: xchunked\r\n\r\n"),
                Arguments.of("chunked in two fields", POST + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"),
                Arguments.of("chunked, chunked", POST + "Transfer-Encoding: chunked, chunked\r\n\r\n"),
                Arguments.of("gzip, chunked", POST + "Transfer-Encoding: gzip, chunked\r\n\r\n"),
                Arguments.of("unknown coding", POST + "Transfer-Encoding: foo\r\n\r\n"),
                Arguments.of("Transfer-Encoding on HTTP/1.0", "POST / HTTP/1.0\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"),
                Arguments.of("Transfer-Encoding on HTTP/1.2", "POST / HTTP/1.2\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"),
                Arguments.of("two Content-Lengths on HTTP/1.0", "POST / HTTP/1.0\r\nContent-Length: 5\r\nHost: a\r\nContent-Length: 11\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smuggling")
    void refusesFramingTwoParsersCouldReadDifferently(String shape, String text) {
        Heads.Outcome o = Heads.read(text);

        assertThat(o.status()).isEqualTo(400);
    }

    @Test
    void readsAContentLength() {
        RequestHead head = Heads.read(POST + "Content-Length: 123456789012345678\r\n\r\n").head();

        assertThat(head.body()).isEqualTo(RequestHead.Body.LENGTH);
        assertThat(head.contentLength()).isEqualTo(123456789012345678L);
    }

    @Test
    void readsAZeroLengthAsNoBody() {
        assertThat(Heads.read(POST + "Content-Length: 0\r\n\r\n").head().body()).isEqualTo(RequestHead.Body.NONE);
        assertThat(Heads.read("GET / HTTP/1.1\r\nHost: a\r\n\r\n").head().body()).isEqualTo(RequestHead.Body.NONE);
    }

    @Test
    void readsChunkedInAnyCase() {
        assertThat(Heads.read(POST + "Transfer-Encoding:  Chunked \r\n\r\n").head().body())
                .isEqualTo(RequestHead.Body.CHUNKED);
    }

    @Test
    void notesExpectContinue() {
        RequestHead expecting = Heads.read(POST + "Content-Length: 1\r\nExpect: 100-Continue\r\n\r\n").head();
        assertThat(expecting.expectsContinue()).isTrue();
        assertThat(expecting.isDropped(2)).as("the router answers Expect itself").isTrue();
        assertThat(Heads.read(POST + "Content-Length: 1\r\n\r\n").head().expectsContinue()).isFalse();
    }
}
