package dev.ferry.router.http1;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The two re-framings a response may need: chunking a body read to the close, and de-chunking for HTTP/1.0. */
class ReframingTest {

    @Test
    void wrapsDataInChunksAndEndsTheBody() {
        ByteBuf chunk = ChunkedFraming.chunk(ByteBufAllocator.DEFAULT, Unpooled.copiedBuffer("0123456789abcdefX", StandardCharsets.US_ASCII));

        assertThat(chunk.toString(StandardCharsets.US_ASCII)).isEqualTo("11\r\n0123456789abcdefX\r\n");
        assertThat(ChunkedFraming.last().toString(StandardCharsets.US_ASCII)).isEqualTo("0\r\n\r\n");
        assertThat(ChunkedFraming.chunk(ByteBufAllocator.DEFAULT, Unpooled.buffer()).readableBytes()).isZero();
        chunk.release();
    }

    @Test
    void handsOnThePayloadOfAChunkedBodyWithoutItsFraming() {
        BodyFramer framer = new BodyFramer(8192);
        framer.reset(BodyFramer.Mode.CHUNKED, 0);
        ByteBuf in = Unpooled.copiedBuffer("5;x=1\r\nhello\r\n3\r\nab", StandardCharsets.ISO_8859_1);
        StringBuilder payload = new StringBuilder();
        ByteBuf data;
        while ((data = framer.nextPayload(in)) != null) {
            payload.append(data.toString(StandardCharsets.ISO_8859_1));
            data.release();
        }
        assertThat(payload).hasToString("helloab");
        assertThat(framer.isDone()).isFalse();

        in.writeCharSequence("c\r\n0\r\nX-T: 1\r\n\r\nrest", StandardCharsets.ISO_8859_1);
        while ((data = framer.nextPayload(in)) != null) {
            payload.append(data.toString(StandardCharsets.ISO_8859_1));
            data.release();
        }

        assertThat(payload).hasToString("helloabc");
        assertThat(framer.isDone()).isTrue();
        assertThat(framer.payloadBytes()).isEqualTo(8);
        assertThat(in.toString(StandardCharsets.ISO_8859_1)).isEqualTo("rest");
    }

    @Test
    void refusesABrokenChunkWhileDeChunking() {
        BodyFramer framer = new BodyFramer(8192);
        framer.reset(BodyFramer.Mode.CHUNKED, 0);
        ByteBuf in = Unpooled.copiedBuffer("2\r\nab\r\nzz\r\n", StandardCharsets.ISO_8859_1);

        framer.nextPayload(in).release();

        assertThat(framer.nextPayload(in)).isNull();
        assertThat(framer.failure()).isNotNull();
    }
}
