package dev.ferry.router.proxy;

import io.netty.channel.Channel;

/** A backend connection handed to one exchange; {@code reused} when it came from the keep-alive pool. */
record BackendLease(Channel channel, boolean reused) {
}
