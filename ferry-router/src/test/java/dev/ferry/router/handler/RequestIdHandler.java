package dev.ferry.router.handler;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Client side: gives every request an {@code X-Request-Id} and echoes it on the response. A single id
 * sent by the client is kept when it has 1 to {@value #MAX_LENGTH} characters from
 * {@code [A-Za-z0-9._:/+=-]}; anything else (missing, repeated, too long, unsafe) is replaced by a random
 * UUID. Relies on the proxy answering one request at a time per connection.
 */
public final class RequestIdHandler extends ChannelDuplexHandler {

    public static final String HEADER = "X-Request-Id";
    public static final int MAX_LENGTH = 200;

    private String current;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            List<String> sent = request.headers().getAll(HEADER);
            String id = sent.size() == 1 && isSafe(sent.get(0)) ? sent.get(0) : generate();
            request.headers().set(HEADER, id);
            current = id;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response && current != null && response.status().code() >= 200) {
            response.headers().set(HEADER, current);
        }
        ctx.write(msg, promise);
    }

    /** True when a client-sent id may be passed on as it is. */
    public static boolean isSafe(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '/' || c == '+' || c == '=' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
