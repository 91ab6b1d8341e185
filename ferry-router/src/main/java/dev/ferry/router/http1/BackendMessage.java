package dev.ferry.router.http1;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * What {@link BackendResponseReader} hands to the proxy: a response {@link Head} (or {@link Malformed}, then
 * 502 {@code backend_bad_response}), then its {@link Body} slices, the last one marked. A response without a
 * body is its head alone; a body read to the close never has a last slice, the close ends it.
 */
public sealed interface BackendMessage permits BackendMessage.Head, BackendMessage.Body, BackendMessage.Malformed {

    /** A response head; the bytes it points into stay valid until the next message is read. */
    record Head(ResponseHead head) implements BackendMessage {
    }

    /** Body bytes as the backend sent them (chunk framing included); the receiver releases them. */
    final class Body extends DefaultByteBufHolder implements BackendMessage {

        private final boolean last;

        public Body(ByteBuf content, boolean last) {
            super(content);
            this.last = last;
        }

        public boolean isLast() {
            return last;
        }

        @Override
        public ByteBufHolder replace(ByteBuf content) {
            return new Body(content, last);
        }
    }

    /** The head or the body's framing was malformed; the connection is not reused. */
    record Malformed(String reason) implements BackendMessage {
    }
}
