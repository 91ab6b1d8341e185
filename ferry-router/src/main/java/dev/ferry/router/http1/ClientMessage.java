package dev.ferry.router.http1;

import dev.ferry.router.error.RequestRefused;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * What {@link ClientRequestReader} hands to the proxy, one per {@code read()}: a request {@link Head}, then
 * its {@link Body} slices as they arrive (the last one marked), or a {@link BodyFault} when the body's framing
 * breaks. A request without a body is its head alone.
 */
public sealed interface ClientMessage permits ClientMessage.Head, ClientMessage.Body, ClientMessage.BodyFault {

    /**
     * A request head, accepted or refused.
     *
     * @param head    the parsed head, its bytes retained until {@link RequestHead#release()}; valid while the
     *                exchange lasts
     * @param refused why the head is refused (its error page, then close), or null when it goes on
     */
    record Head(RequestHead head, RequestRefused refused) implements ClientMessage {
    }

    /** Body bytes as the client sent them (chunk framing included); the receiver releases them. */
    final class Body extends DefaultByteBufHolder implements ClientMessage {

        private final boolean last;

        public Body(ByteBuf content, boolean last) {
            super(content);
            this.last = last;
        }

        /** True for the slice that ends the body. */
        public boolean isLast() {
            return last;
        }

        @Override
        public ByteBufHolder replace(ByteBuf content) {
            return new Body(content, last);
        }
    }

    /** The body's framing broke (a bad chunk): 400 if nothing was answered yet, else the connections close. */
    record BodyFault(String reason) implements ClientMessage {
    }
}
