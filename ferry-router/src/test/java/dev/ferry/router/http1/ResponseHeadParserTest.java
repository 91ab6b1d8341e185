package dev.ferry.router.http1;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseHeadParserTest {

    private final ResponseHeadParser parser = new ResponseHeadParser(Heads.LIMITS);
    private final ResponseHead head = new ResponseHead();

    private RequestHeadParser.Result parse(String text, boolean headRequest) {
        return parser.parse(Heads.bytes(text), head, headRequest);
    }

    private ResponseHead parsed(String text) {
        assertThat(parse(text, false)).as(parser.failure()).isEqualTo(RequestHeadParser.Result.COMPLETE);
        return head;
    }

    @Test
    void readsStatusAndFraming() {
        ResponseHead h = parsed("HTTP/1.1 201 Created\r\nContent-Length: 13\r\nX-A: b\r\n\r\n");

        assertThat(h.status()).isEqualTo(201);
        assertThat(h.body()).isEqualTo(BodyFramer.Mode.LENGTH);
        assertThat(h.contentLength()).isEqualTo(13);
        assertThat(h.backendReusable()).isTrue();
        assertThat(h.value(FieldName.CONTENT_LENGTH)).isEqualTo("13");
    }

    @ParameterizedTest
    @CsvSource({"'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n', CHUNKED, true",
            "'HTTP/1.1 200 OK\r\n\r\n', UNTIL_CLOSE, false",
            "'HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n', NONE, true",
            "'HTTP/1.1 304 Not Modified\r\n\r\n', NONE, true",
            "'HTTP/1.1 100 Continue\r\n\r\n', NONE, true",
            "'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n', NONE, true",
            "'HTTP/1.1 200 OK\r\nConnection: x, Close\r\nContent-Length: 1\r\n\r\n', LENGTH, false",
            "'HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\n', LENGTH, false",
            "'HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\n', LENGTH, true",
            "'HTTP/1.1 200\r\nContent-Length: 1\r\n\r\n', LENGTH, true"})
    void worksOutHowTheBodyEndsAndWhetherTheConnectionIsReusable(String text, BodyFramer.Mode body, boolean reusable) {
        ResponseHead h = parsed(text);

        assertThat(h.body()).isEqualTo(body);
        assertThat(h.backendReusable()).isEqualTo(reusable);
    }

    @Test
    void readsNoBodyForAHeadRequest() {
        assertThat(parse("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", true)).isEqualTo(RequestHeadParser.Result.COMPLETE);
        assertThat(head.body()).isEqualTo(BodyFramer.Mode.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1 2000 OK\r\n\r\n", "HTTP/1.1 099 Low\r\n\r\n", "HTTP/1.1 600 High\r\n\r\n",
            "HTTP/2.0 200 OK\r\n\r\n", "HTTP/1.1 200OK\r\n\r\n", "garbage\r\n\r\n", "HTTP/1.1 200 OK\n\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n",
            "HTTP/1.1 200 OK\r\nX-A: b\r\n c\r\n\r\n", "HTTP/1.1 200 OK\r\nX-A: b\0\r\n\r\n",
            "HTTP/1.1 200 O\u0001K\r\n\r\n"})
    void refusesMalformedResponses(String text) {
        assertThat(parse(text, false)).isEqualTo(RequestHeadParser.Result.REFUSED);
        assertThat(parser.failure()).isNotBlank();
    }

    @Test
    void refusesAHeadThatNeverEnds() {
        String large = "HTTP/1.1 200 OK\r\n" + ("X-L: " + "v".repeat(1000) + "\r\n").repeat(70);

        assertThat(parse(large, false)).isEqualTo(RequestHeadParser.Result.REFUSED);
    }

    @Test
    void readsAHeadSplitAcrossReads() {
        ByteBuf buf = Unpooled.buffer();
        buf.writeCharSequence("HTTP/1.1 200 OK\r\nContent-Le", StandardCharsets.ISO_8859_1);
        assertThat(parser.parse(buf, head, false)).isEqualTo(RequestHeadParser.Result.INCOMPLETE);
        buf.writeCharSequence("ngth: 2\r\n\r\nok", StandardCharsets.ISO_8859_1);

        assertThat(parser.parse(buf, head, false)).isEqualTo(RequestHeadParser.Result.COMPLETE);
        assertThat(head.contentLength()).isEqualTo(2);
        assertThat(head.length()).isEqualTo(buf.readableBytes() - 2);
    }

    @Test
    void writesTheClientsHeadWithoutHopByHopFields() {
        ResponseHead h = parsed("HTTP/1.0 200 Fine Thanks\r\nconnection: keep-alive, X-Conn\r\nX-Conn: 1\r\nKeep-Alive: t=5\r\n"
                + "X-Request-Id: backend\r\nVia: 1.1 app\r\nset-cookie:  a=b \r\n\r\n");
        AddedFields extra = new AddedFields();
        extra.add("Connection", "close");
        ByteBuf out = Unpooled.buffer();

        ClientResponseWriter.write(h, true, "req-1", "1.1 ferry", extra, out);

        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 200 Fine Thanks\r\nset-cookie:  a=b \r\n"
                + "Transfer-Encoding: chunked\r\nVia: 1.1 app, 1.1 ferry\r\nX-Request-Id: req-1\r\nConnection: close\r\n\r\n");
    }

    @Test
    void keepsTheUpgradeOfA101() {
        ResponseHead h = parsed("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                + "Sec-WebSocket-Accept: k\r\n\r\n");
        ByteBuf out = Unpooled.buffer();

        ClientResponseWriter.write(h, true, "req-1", "1.1 ferry", null, out);

        assertThat(h.isUpgrade()).isTrue();
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\nSec-WebSocket-Accept: k\r\nConnection: upgrade\r\nVia: 1.1 ferry\r\n\r\n");
    }

    @Test
    void letsAnHttp10ClientReadAChunkedBodyToTheClose() {
        ResponseHead h = parsed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        ByteBuf out = Unpooled.buffer();

        ClientResponseWriter.write(h, false, "r", "1.1 ferry", null, out);

        assertThat(out.toString(StandardCharsets.ISO_8859_1)).doesNotContain("Transfer-Encoding");
    }
}
