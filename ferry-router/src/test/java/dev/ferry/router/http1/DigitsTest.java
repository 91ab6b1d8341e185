package dev.ferry.router.http1;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigitsTest {

    private static String written(long number) {
        ByteBuf out = Unpooled.buffer();
        Digits.write(number, out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void writesTheSameDigitsAsLongToString() {
        for (long n : new long[] {0, 7, 9, 10, 99, 100, 1_764_900_000_123L, Long.MAX_VALUE, -1, -10, Long.MIN_VALUE}) {
            assertThat(written(n)).isEqualTo(Long.toString(n));
        }
    }

    @Test
    void aNumberAddedToTheFieldsReadsAsItsText() {
        AddedFields fields = new AddedFields();
        fields.add("X-Request-Start", 1_764_900_000_123L);
        fields.add("Via", "1.1 ferry");
        ByteBuf out = Unpooled.buffer();
        fields.writeValue(0, out);

        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("1764900000123");
        assertThat(fields.get("x-request-start")).isEqualTo("1764900000123");
        assertThat(fields.value(1)).isEqualTo("1.1 ferry");
    }
}
