package dev.ferry.router.proxy;

import dev.ferry.router.http1.ClientRequestReader;
import dev.ferry.router.relay.ByteRelayHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;

/**
 * Turns a client connection and its backend connection into a raw byte relay once the backend has
 * answered an upgrade with 101: the HTTP handlers leave both pipelines (bytes the readers already held are
 * passed on to the relay), and only the idle timeouts and the {@link ByteRelayHandler}s stay. The relay
 * keeps the endpoint it was given and never looks at the route table again.
 */
final class UpgradeRelay {

    private UpgradeRelay() {
    }

    /** Rewires both pipelines; runs on the event loop the two channels share. */
    static void install(Channel client, Channel backend) {
        // the relay handlers first, so that the bytes the readers hand over on leaving reach them
        ChannelPipeline bp = backend.pipeline();
        bp.replace(BackendHandler.class, ProxyInitializer.RELAY, new ByteRelayHandler(client));
        bp.remove(ProxyInitializer.HTTP);

        ChannelPipeline cp = client.pipeline();
        cp.remove(ProxyInitializer.HEADER_TIMEOUT);
        cp.replace(ProxyInitializer.PROXY, ProxyInitializer.RELAY, new ByteRelayHandler(backend));
        cp.get(ClientRequestReader.class).upgraded();
        cp.remove(ProxyInitializer.HTTP);

        // read-after-write from here on: each side reads again once its last buffer reached the peer
        backend.config().setAutoRead(false);
        client.config().setAutoRead(false);
        backend.read();
        client.read();
    }
}
