package dev.ferry.store.route;

import dev.ferry.core.route.AcmeChallengeRelay;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The ACME HTTP-01 challenges in the fleet's Redis registry: the hash {@code <prefix>acme-challenges} (prefix
 * {@code ferry:} by default; token to key authorization), which expires {@link #EXPIRY} after its last change so that
 * a control node killed during an order leaves nothing behind for long, and a message on the channel of the same
 * name after each change, on which routers read the hash again. Its own two connections (commands, pub/sub), opened on first use and reconnected like the route
 * registry's. Keys outside the {@code route:} layout, so the Mini-PaaS scan never sees them.
 */
public final class RedisAcmeChallenges implements AcmeChallengeRelay {

    /** The name, after the registry's key prefix, of the hash of the challenges and of the channel told of changes. */
    public static final String NAME = "acme-challenges";
    /** How long the hash lives after its last change: longer than any order takes. */
    public static final Duration EXPIRY = Duration.ofMinutes(30);


    private final RedisConnections redis;
    private final String key;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public RedisAcmeChallenges(RedisRegistryConfig config) {
        this.redis = new RedisConnections(config);
        this.key = config.keyPrefix() + NAME;
    }

    @Override
    public void put(String token, String keyAuthorization) {
        redis.call(c -> {
            c.hset(key, token, keyAuthorization);
            c.expire(key, EXPIRY.toSeconds());
            return c.publish(key, "put");
        });
    }

    @Override
    public void remove(String token) {
        redis.call(c -> c.hdel(key, token) > 0 ? c.publish(key, "remove") : 0L);
    }

    @Override
    public Map<String, String> answers() {
        return Map.copyOf(redis.call(c -> c.hgetall(key)));
    }

    /**
     * Subscribes at the first listener (the pub/sub connection is opened once).
     *
     * @throws RouteRegistryUnavailableException when Redis cannot be reached now
     */
    @Override
    public void onChange(Runnable listener) {
        redis.notifyOn(key, listeners, "an ACME challenge listener");
        listeners.add(listener); // once subscribed: a failed subscription leaves nothing behind
    }

    @Override
    public void close() {
        redis.close();
    }
}
