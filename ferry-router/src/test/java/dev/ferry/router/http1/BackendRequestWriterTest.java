package dev.ferry.router.http1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.router.handler.TrustedProxies;
import org.junit.jupiter.api.Test;

class BackendRequestWriterTest {

    @Test
    void copiesUntouchedFieldsByteForByte() {
        Forwarding c = new Forwarding("127.0.0.1", TrustedProxies.NONE);
        c.forward("GET /p?q=1 HTTP/1.1\r\nhOsT:a.localhost\r\nX-Odd-Case:  v  w \t\r\nConnection: x-drop\r\n"
                + "X-Drop: d\r\nAccept: */*\r\nX-Request-Id: id-1\r\n\r\n");

        assertThat(c.written()).startsWith("GET /p?q=1 HTTP/1.1\r\nhOsT:a.localhost\r\nX-Odd-Case:  v  w \t\r\n"
                + "Accept: */*\r\nX-Request-Id: id-1\r\nX-Forwarded-For: 127.0.0.1\r\n");
        assertThat(c.written()).doesNotContain("X-Drop").doesNotContain("Connection").endsWith("\r\n\r\n");
    }

    @Test
    void writesAnAbsoluteFormTargetInOriginForm() {
        Forwarding c = new Forwarding("127.0.0.1", TrustedProxies.NONE);

        assertThat(c.forward("GET http://a.localhost?x HTTP/1.0\r\n\r\n").uri()).isEqualTo("/?x");
        assertThat(c.written()).startsWith("GET /?x HTTP/1.0\r\n").contains("\r\nHost: a.localhost\r\n");
    }

    @Test
    void skipsEmptyLinesTheClientSentBeforeTheRequestLine() {
        Forwarding c = new Forwarding("127.0.0.1", TrustedProxies.NONE);
        c.forward("\r\nPUT /x HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n");

        assertThat(c.written()).startsWith("PUT /x HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n");
    }
}
