package dev.ferry.store.route;

import dev.ferry.core.retry.Backoff;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two Redis connections of one {@link RedisRouteRegistry}: one for commands, one for pub/sub. Each is
 * opened on first use (so a registry can be created while Redis is down) and then kept; when it drops,
 * Lettuce reconnects it after 200 ms, doubling up to 10 s (the router's registry backoff), and meanwhile
 * commands fail at once instead of queueing.
 */
final class RedisConnections implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisConnections.class);
    /** The reconnect delays: 200 ms doubling up to 10 s, as the router's re-subscription backoff. */
    static final Backoff RECONNECT = Backoff.DEFAULT;

    private final String address;
    private final ClientResources resources;
    private final RedisClient client;
    private StatefulRedisConnection<String, String> commands;
    private StatefulRedisPubSubConnection<String, String> pubsub;

    RedisConnections(RedisRegistryConfig config) {
        RedisURI uri = RedisURI.create(config.uri());
        uri.setTimeout(config.commandTimeout());
        this.address = "redis://" + uri.getHost() + ":" + uri.getPort();
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(1)
                .reconnectDelay(new DoublingDelay())
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(config.commandTimeout()).build())
                .timeoutOptions(TimeoutOptions.enabled(config.commandTimeout()))
                .build());
    }

    /** {@code redis://host:port}, without credentials, for messages. */
    String address() {
        return address;
    }

    /** Runs {@code command} on the command connection, opening it if needed. */
    <T> T call(Function<RedisCommands<String, String>, T> command) {
        try {
            return command.apply(commands());
        } catch (RedisException e) {
            throw new RouteRegistryUnavailableException("route registry " + address + " is unavailable: " + e.getMessage(), e);
        }
    }

    private synchronized RedisCommands<String, String> commands() {
        if (commands == null) {
            commands = client.connect();
        }
        return commands.sync();
    }

    /** Opens the pub/sub connection with {@code listener} and subscribes to {@code channels}, once. */
    synchronized void subscribe(RedisPubSubListener<String, String> listener, String... channels) {
        if (pubsub != null) {
            return;
        }
        try {
            StatefulRedisPubSubConnection<String, String> c = client.connectPubSub();
            c.addListener(listener);
            c.sync().subscribe(channels);
            pubsub = c;
        } catch (RedisException e) {
            throw new RouteRegistryUnavailableException("route registry " + address + " is unavailable: " + e.getMessage(), e);
        }
    }

    /**
     * Subscribes to {@code channel}, once, and runs every one of {@code listeners} (read at each message, so it may
     * grow) on each message there; one that throws is logged as {@code what} and the others still run.
     *
     * @throws RouteRegistryUnavailableException when Redis cannot be reached now
     */
    void notifyOn(String channel, List<Runnable> listeners, String what) {
        subscribe(new RedisPubSubAdapter<>() {
            @Override
            public void message(String from, String message) {
                for (Runnable l : listeners) {
                    try {
                        l.run();
                    } catch (RuntimeException e) {
                        LOG.warn("{} failed: {}", what, e.toString());
                    }
                }
            }
        }, channel);
    }

    @Override
    public synchronized void close() {
        if (pubsub != null) {
            pubsub.close();
        }
        if (commands != null) {
            commands.close();
        }
        client.shutdown(0, 2, TimeUnit.SECONDS);
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    private static final class DoublingDelay extends Delay {
        @Override
        public Duration createDelay(long attempt) {
            // Lettuce counts attempts from 1
            return RECONNECT.delay((int) Math.min(Math.max(attempt - 1, 0), Integer.MAX_VALUE));
        }
    }
}
