package dev.ferry.router.http1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.router.error.ProxyError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestHeadParserTest {

    private static final String GET = "GET / HTTP/1.1\r\nHost: app.localhost\r\n";

    @Test
    void readsTheRequestLineAndFieldsInPlace() {
        RequestHead head = Heads.parsed("POST /a?b=c HTTP/1.1\r\nHost:app.localhost\r\nX-Thing: \t some value \t\r\n"
                + "content-LENGTH: 5\r\n\r\nhello");

        assertThat(head.method()).isEqualTo("POST");
        assertThat(head.target()).isEqualTo("/a?b=c");
        assertThat(head.isHttp11()).isTrue();
        assertThat(head.fieldCount()).isEqualTo(3);
        assertThat(head.nameText(1)).isEqualTo("X-Thing");
        assertThat(head.valueText(1)).isEqualTo("some value");
        assertThat(head.name(0)).isEqualTo(FieldName.HOST);
        assertThat(head.name(1)).isEqualTo(FieldName.OTHER);
        assertThat(head.name(2)).isEqualTo(FieldName.CONTENT_LENGTH);
        assertThat(head.value(FieldName.HOST)).isEqualTo("app.localhost");
        assertThat(head.length()).isEqualTo(head.buf.readableBytes() - "hello".length());
    }

    @Test
    void readsAHeadDribbledByteByByteOnce() {
        String text = GET + "X-A: b\r\n\r\n";
        ByteBuf buf = Unpooled.buffer();
        RequestHeadParser parser = new RequestHeadParser(Heads.LIMITS);
        RequestHead head = new RequestHead();
        for (int i = 0; i < text.length() - 1; i++) {
            buf.writeByte(text.charAt(i));
            assertThat(parser.parse(buf, head)).isEqualTo(RequestHeadParser.Result.INCOMPLETE);
        }
        buf.writeByte('\n');

        assertThat(parser.parse(buf, head)).isEqualTo(RequestHeadParser.Result.COMPLETE);
        assertThat(head.fieldCount()).isEqualTo(2);
        assertThat(head.valueText(1)).isEqualTo("b");
    }

    @Test
    void keepsItsPlaceWhenTheBytesMoveToAnotherBuffer() {
        RequestHeadParser parser = new RequestHeadParser(Heads.LIMITS);
        RequestHead head = new RequestHead();
        ByteBuf first = Heads.bytes("xxGET / HTTP/1.1\r\nHo");
        first.skipBytes(2);
        assertThat(parser.parse(first, head)).isEqualTo(RequestHeadParser.Result.INCOMPLETE);
        ByteBuf copied = Unpooled.buffer().writeBytes(first).writeBytes(Heads.bytes("st: a.localhost\r\n\r\n"));

        assertThat(parser.parse(copied, head)).isEqualTo(RequestHeadParser.Result.COMPLETE);
        assertThat(head.method()).isEqualTo("GET");
        assertThat(head.value(FieldName.HOST)).isEqualTo("a.localhost");
    }

    @Test
    void readsPipelinedHeadsOneAfterTheOther() {
        ByteBuf buf = Heads.bytes(GET + "\r\n" + "HEAD /two HTTP/1.0\r\nHost: b\r\n\r\n");
        RequestHeadParser parser = new RequestHeadParser(Heads.LIMITS);
        RequestHead head = new RequestHead();
        assertThat(parser.parse(buf, head)).isEqualTo(RequestHeadParser.Result.COMPLETE);
        buf.skipBytes(head.length());

        assertThat(parser.parse(buf, head)).isEqualTo(RequestHeadParser.Result.COMPLETE);
        assertThat(head.method()).isEqualTo("HEAD");
        assertThat(head.target()).isEqualTo("/two");
        assertThat(head.isHttp11()).isFalse();
        assertThat(head.fieldCount()).isEqualTo(1);
    }

    @Test
    void givesAStandardMethodAsItsSharedTextAndAnyOtherAsSent() {
        assertThat(Heads.parsed("DELETE /x HTTP/1.1\r\nHost: a\r\n\r\n").method()).isSameAs("DELETE");
        assertThat(Heads.parsed("PURGE /x HTTP/1.1\r\nHost: a\r\n\r\n").method()).isEqualTo("PURGE");
        assertThat(Heads.parsed("GETS /x HTTP/1.1\r\nHost: a\r\n\r\n").method()).isEqualTo("GETS");
        assertThat(Heads.parsed("get /x HTTP/1.1\r\nHost: a\r\n\r\n").method()).isEqualTo("get");
    }

    @Test
    void resolvesTheMethodAgainForEachRequestOfAConnection() {
        RequestHeadParser parser = new RequestHeadParser(Heads.LIMITS);
        RequestHead head = new RequestHead();
        for (String method : new String[] {"DELETE", "PURGE", "CONNECT", "GET"}) {
            ByteBuf buf = Unpooled.copiedBuffer(method + " /x HTTP/1.1\r\nHost: a\r\n\r\n", StandardCharsets.US_ASCII);
            head.reset();
            assertThat(parser.parse(buf, head)).isEqualTo(RequestHeadParser.Result.COMPLETE);
            assertThat(head.method()).isEqualTo(method);
            assertThat(head.methodIs(method)).isTrue();
            assertThat(head.methodIs("DELETE")).isEqualTo(method.equals("DELETE"));
            assertThat(head.methodIs("CONNECT")).isEqualTo(method.equals("CONNECT"));
            assertThat(head.isHeadMethod()).isFalse();
            buf.release();
        }
    }

    @Test
    void comparesTheOriginTargetsStartInPlace() {
        RequestHead plain = Heads.parsed("GET /.well-known/acme-challenge/t HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(plain.originTargetStartsWith("/.well-known/acme-challenge/")).isTrue();
        assertThat(plain.originTargetStartsWith("/.well-known/acme-challenge/t/")).isFalse();
        assertThat(plain.originTargetStartsWith("/items")).isFalse();
        assertThat(Heads.parsed("GET /.well HTTP/1.1\r\nHost: a\r\n\r\n").originTargetStartsWith("/.well-known/")).isFalse();
    }

    @Test
    void skipsLineBreaksBeforeTheRequestLine() {
        assertThat(Heads.parsed("\r\n\r\n" + GET + "\r\n").method()).isEqualTo("GET");
        assertThat(Heads.parsed("\n\r" + GET + "\r\n").method()).isEqualTo("GET");
    }

    @Test
    void servesAHigherMinorVersionAsHttp11() {
        RequestHead head = Heads.parsed("GET / HTTP/1.2\r\nHost: a\r\n\r\n");

        assertThat(head.isHttp11()).isTrue();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("CR in a header value", GET + "X-A: b\rc\r\n\r\n"),
                Arguments.of("LF in a header value", GET + "X-A: b\nc\r\n\r\n"),
                Arguments.of("NUL in a header value", GET + "X-A: b\0c\r\n\r\n"),
                Arguments.of("DEL in a header value", GET + "X-A: b\u007fc\r\n\r\n"),
                Arguments.of("CR in a header name", GET + "X\rA: b\r\n\r\n"),
                Arguments.of("NUL in a header name", GET + "X\0A: b\r\n\r\n"),
                Arguments.of("obs-fold with a space", GET + "X-A: b\r\n c\r\n\r\n"),
                Arguments.of("obs-fold with a tab", GET + "X-A: b\r\n\tc\r\n\r\n"),
                Arguments.of("space before the colon", GET + "X-A : b\r\n\r\n"),
                Arguments.of("tab before the colon", GET + "X-A\t: b\r\n\r\n"),
                Arguments.of("no colon", GET + "X-A b\r\n\r\n"),
                Arguments.of("empty name", GET + ": b\r\n\r\n"),
                Arguments.of("space before the first header", "GET / HTTP/1.1\r\n Host: app.localhost\r\n\r\n"),
                Arguments.of("@ in the method", "G@T / HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("( in the method", "GE(T / HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("quote in the target", "GET /a\"b HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("control character in the target", "GET /a\u0001b HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("non-ASCII in the target", "GET /a\u00e9b HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("fragment in the target", "GET /a#b HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("backslash in the target", "GET /a\\b HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("angle bracket in the target", "GET /a<b HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("space in the target", "GET /a b HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("empty target", "GET  HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("no version", "GET /\r\nHost: a\r\n\r\n"),
                Arguments.of("HTTP/2.0", "GET / HTTP/2.0\r\nHost: a\r\n\r\n"),
                Arguments.of("lower-case version", "GET / http/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("CR between method and target", "GET\r/ HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("tab between target and version", "GET /\tHTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("request line ended by LF alone", "GET / HTTP/1.1\nHost: a\n\n"),
                Arguments.of("blank line ended by LF alone", GET + "\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesMalformedHeadsWith400(String shape, String text) {
        RequestHeadParser parser = new RequestHeadParser(Heads.LIMITS);

        assertThat(parser.parse(Heads.bytes(text), new RequestHead())).isEqualTo(RequestHeadParser.Result.REFUSED);
        assertThat(parser.refusal().error()).isEqualTo(ProxyError.BAD_REQUEST);
    }

    @Test
    void refusesALongRequestLineWith414BeforeItEnds() {
        RequestHeadParser parser = new RequestHeadParser(Heads.LIMITS);

        assertThat(parser.parse(Heads.bytes("GET /" + "a".repeat(8200)), new RequestHead()))
                .isEqualTo(RequestHeadParser.Result.REFUSED);
        assertThat(parser.refusal().error()).isEqualTo(ProxyError.URI_TOO_LONG);
    }

    @Test
    void acceptsARequestLineAtTheLimit() {
        String line = "GET /" + "a".repeat(Heads.LIMITS.maxInitialLineLength() - "GET / HTTP/1.1".length()) + " HTTP/1.1";

        assertThat(line).hasSize(Heads.LIMITS.maxInitialLineLength());
        assertThat(Heads.parsed(line + "\r\nHost: a\r\n\r\n").method()).isEqualTo("GET");
    }

    @Test
    void refusesHeaderLinesOverTheHeadSizeWith431BeforeTheHeadEnds() {
        String large = ("X-Large: " + "v".repeat(7000) + "\r\n").repeat(10);
        RequestHeadParser parser = new RequestHeadParser(Heads.LIMITS);

        assertThat(parser.parse(Heads.bytes(GET + large), new RequestHead())).isEqualTo(RequestHeadParser.Result.REFUSED);
        assertThat(parser.refusal().error()).isEqualTo(ProxyError.HEADERS_TOO_LARGE);
    }

    @Test
    void startsAfreshAfterARefusal() {
        RequestHeadParser parser = new RequestHeadParser(Heads.LIMITS);
        RequestHead head = new RequestHead();
        assertThat(parser.parse(Heads.bytes("G@T / HTTP/1.1\r\n\r\n"), head)).isEqualTo(RequestHeadParser.Result.REFUSED);

        assertThat(parser.parse(Heads.bytes(GET + "\r\n"), head)).isEqualTo(RequestHeadParser.Result.COMPLETE);
        assertThat(head.value(FieldName.HOST)).isEqualTo("app.localhost");
    }

    @Test
    void recognisesKnownNamesInAnyCase() {
        ByteBuf name = Unpooled.copiedBuffer("X-FORWARDED-for", StandardCharsets.US_ASCII);

        assertThat(FieldName.of(name, 0, name.writerIndex())).isEqualTo(FieldName.X_FORWARDED_FOR);
        assertThat(FieldName.of(name, 0, 5)).isEqualTo(FieldName.OTHER);
    }
}
