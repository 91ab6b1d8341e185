package dev.ferry.store.route;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The TLS serving set control nodes publish for the fleet's separate routers, in the Redis registry: the hash
 * {@code <prefix>tls} (prefix {@code ferry:} by default) with two fields, {@code digest} (names the content, so that
 * an unchanged set is neither rewritten nor read again) and {@code document} (the set itself, its private keys
 * sealed by the publisher; this class never looks inside), written together by one {@code HSET}, then a message on
 * the channel of the same name, on which routers read it again. It never expires: routers keep serving it while no
 * control node runs. Its own two connections (commands, pub/sub), opened on first use and reconnected like the
 * route registry's. Keys outside the {@code route:} layout, so the Mini-PaaS scan never sees them.
 */
public final class RedisTlsBundle implements AutoCloseable {

    /** The name, after the registry's key prefix, of the hash and of the channel told of changes. */
    public static final String NAME = "tls";

    /** What is published: the digest of the content and the document. */
    public record Published(String digest, String document) {
    }


    private final RedisConnections redis;
    private final String key;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public RedisTlsBundle(RedisRegistryConfig config) {
        this.redis = new RedisConnections(config);
        this.key = config.keyPrefix() + NAME;
    }

    /**
     * Writes {@code document} and tells the routers, unless what is there already has {@code digest}.
     *
     * @return whether it was written
     * @throws RouteRegistryUnavailableException when Redis cannot be reached now
     */
    public boolean publish(String digest, String document) {
        return redis.call(c -> {
            if (digest.equals(c.hget(key, "digest"))) {
                return false;
            }
            c.hset(key, Map.of("digest", digest, "document", document));
            c.publish(key, digest);
            return true;
        });
    }

    /**
     * The digest published now, if any: cheap to read at every poll.
     *
     * @throws RouteRegistryUnavailableException when Redis cannot be reached now
     */
    public Optional<String> digest() {
        return Optional.ofNullable(redis.call(c -> c.hget(key, "digest")));
    }

    /**
     * What is published now, if anything.
     *
     * @throws RouteRegistryUnavailableException when Redis cannot be reached now
     */
    public Optional<Published> read() {
        Map<String, String> fields = redis.call(c -> c.hgetall(key));
        String digest = fields.get("digest");
        String document = fields.get("document");
        return digest == null || document == null ? Optional.empty() : Optional.of(new Published(digest, document));
    }

    /**
     * Subscribes at the first listener (the pub/sub connection is opened once).
     *
     * @throws RouteRegistryUnavailableException when Redis cannot be reached now
     */
    public void onChange(Runnable listener) {
        redis.notifyOn(key, listeners, "a TLS serving set listener");
        listeners.add(listener); // once subscribed: a failed subscription leaves nothing behind
    }

    @Override
    public void close() {
        redis.close();
    }
}
