package dev.ferry.router.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ErrorPagesTest {

    @Test
    void rendersHtmlByDefault() {
        FullHttpResponse r = ErrorPages.render(ProxyError.NO_HEALTHY_INSTANCE, "text/html,*/*;q=0.8", false);
        try {
            assertThat(r.status().code()).isEqualTo(503);
            assertThat(r.headers().get("Content-Type")).isEqualTo("text/html; charset=utf-8");
            assertThat(r.headers().get("Ferry-Error")).isEqualTo("no_healthy_instance");
            assertThat(r.headers().contains("Connection")).isFalse();
            assertThat(r.content().toString(StandardCharsets.UTF_8)).contains("<html>").contains("no_healthy_instance");
            assertThat(r.headers().getInt("Content-Length")).isEqualTo(r.content().readableBytes());
        } finally {
            r.release();
        }
    }

    @Test
    void tellsClientsWhenToRetryAnOfflineApp() {
        FullHttpResponse r = ErrorPages.render(ProxyError.APP_OFFLINE, "application/json", false);
        try {
            assertThat(r.status().code()).isEqualTo(503);
            assertThat(r.headers().get("Ferry-Error")).isEqualTo("app_offline");
            assertThat(r.headers().getInt("Retry-After")).isEqualTo(ProxyError.APP_OFFLINE_RETRY_AFTER_SECONDS);
        } finally {
            r.release();
        }
    }

    @Test
    void rendersJsonWhenPreferred() {
        FullHttpResponse r = ErrorPages.render(ProxyError.BACKEND_TIMEOUT, "application/json", true);
        try {
            assertThat(r.status().code()).isEqualTo(504);
            assertThat(r.headers().get("Content-Type")).isEqualTo("application/json");
            assertThat(r.headers().get("Connection")).isEqualTo("close");
            assertThat(r.content().toString(StandardCharsets.UTF_8))
                    .isEqualTo("{\"error\":\"The app did not answer in time.\",\"code\":\"backend_timeout\"}");
        } finally {
            r.release();
        }
    }

    @Test
    void weighsAcceptQualities() {
        assertThat(ErrorPages.prefersJson(null)).isFalse();
        assertThat(ErrorPages.prefersJson("*/*")).isFalse();
        assertThat(ErrorPages.prefersJson("application/json, text/html;q=0.9")).isTrue();
        assertThat(ErrorPages.prefersJson("text/html, application/json;q=0.9")).isFalse();
        assertThat(ErrorPages.prefersJson("application/*")).isTrue();
        assertThat(ErrorPages.prefersJson("text/html;q=0.1, */*;q=0.5, application/json")).isTrue();
    }

    @Test
    void encodesAPageAsTheBytesOfAWholeResponse() {
        ByteBuf bytes = ErrorPages.encode(ByteBufAllocator.DEFAULT, ProxyError.NO_SUCH_APP, null, true, "trace-1");
        String text = bytes.toString(StandardCharsets.UTF_8);
        bytes.release();

        int blank = text.indexOf("\r\n\r\n");
        String head = text.substring(0, blank + 2).toLowerCase(java.util.Locale.ROOT); // field names as Netty spells them
        String body = text.substring(blank + 4);
        assertThat(head).startsWith("http/1.1 404 not found\r\n").contains("ferry-error: no_such_app\r\n",
                "connection: close\r\n", "x-request-id: trace-1\r\n", "content-length: " + body.length() + "\r\n");
        assertThat(body).contains("No app is served at this address.");

        ByteBuf interim = ErrorPages.continueResponse();
        assertThat(interim.toString(StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
    }
}
