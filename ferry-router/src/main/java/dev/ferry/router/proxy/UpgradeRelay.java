package dev.ferry.router.proxy;

import dev.ferry.router.relay.ByteRelayHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;

/**
 * Turns a client connection and its backend connection into a raw byte relay once the backend has
 * answered an upgrade with 101: every HTTP handler leaves both pipelines (bytes the codecs already
 * buffered are passed on to the relay), and only the idle timeouts and the {@link ByteRelayHandler}s stay.
 * The relay keeps the endpoint it was given and never looks at the route table again.
 */
final class UpgradeRelay {

    private static final String[] CLIENT_HTTP_HANDLERS = {
        ProxyInitializer.GUARD, ProxyInitializer.HEADER_LIMITS, ProxyInitializer.HOST,
        ProxyInitializer.KEEP_ALIVE, ProxyInitializer.HEADER_TIMEOUT,
        ProxyInitializer.HOP_BY_HOP, ProxyInitializer.REQUEST_ID, ProxyInitializer.FORWARDED};

    private UpgradeRelay() {
    }

    /** Rewires both pipelines; runs on the event loop the two channels share. */
    static void install(Channel client, Channel backend) {
        ChannelPipeline bp = backend.pipeline();
        bp.replace(BackendHandler.class, ProxyInitializer.RELAY, new ByteRelayHandler(client));
        bp.remove(ProxyInitializer.HTTP);

        ChannelPipeline cp = client.pipeline();
        for (String name : CLIENT_HTTP_HANDLERS) {
            if (cp.get(name) != null) {
                cp.remove(name);
            }
        }
        cp.replace(ProxyInitializer.PROXY, ProxyInitializer.RELAY, new ByteRelayHandler(backend));
        cp.remove(ProxyInitializer.HTTP);
        cp.remove(ProxyInitializer.FLOW);

        // read-after-write from here on: each side reads again once its last buffer reached the peer
        backend.config().setAutoRead(false);
        client.config().setAutoRead(false);
        backend.read();
        client.read();
    }
}
