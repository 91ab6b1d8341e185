package dev.ferry.store.route;

import dev.ferry.core.route.Route;
import dev.ferry.core.route.RouteChange;
import dev.ferry.core.route.RouteListener;
import dev.ferry.core.route.RouteRegistry;
import dev.ferry.core.route.RouteTable;
import dev.ferry.store.route.internal.JournalLine;
import dev.ferry.store.route.internal.RedisKeys;
import dev.ferry.store.route.internal.RouteKey;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process copy of the Redis route table behind {@link RedisRouteRegistry}, and its subscribers.
 *
 * <p>Loaded in full once (on the first {@code table()} or {@code subscribe()}), then kept current by changes:
 * each arrives on the pub/sub channel as {@code <seq> <record>} and is applied when it is the next number; a
 * gap (a lost notification, a reconnect, a periodic check of the counter) is filled from the change stream;
 * only when the stream no longer reaches back far enough, or the epoch or the counter show that Redis lost its
 * data, is the table read again in full and handed to subscribers as a new snapshot. Mini-PaaS routes
 * ({@code route:<domain>} keys) fill in the domains Ferry's own records do not name, and are re-read on
 * {@code reload}, on reconnect and on a full load.
 *
 * <p>Threading: the copy changes, and listeners are called, only under one lock, which orders the stream and keeps
 * one listener's calls from overlapping. Work that talks to Redis (loads, catch-ups, the periodic check) runs on the
 * mirror's own thread. The next change in order, which needs no round trip, is applied on the thread that brings it
 * (Lettuce's, for a pub/sub message; the writer's, for a change this registry just wrote) when the lock is free:
 * handing it to the mirror's thread cost a wake-up per change (about 0.8 ms at the median and 3 ms at p99 on a
 * loaded 2-core machine) between a router receiving a route and serving it. Anything else, or a busy lock, goes to
 * the mirror's thread in arrival order. While Redis is unreachable the copy stays as it was; subscribers are told
 * once ({@link RouteListener#onRegistryFailure}) and receive the missed changes when it answers again.
 */
final class RedisRouteMirror implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisRouteMirror.class);
    private static final int PAGE = 1000;

    private final RedisConnections redis;
    private final RedisKeys keys;
    private final RedisRegistryConfig config;
    private final MiniPaasKeys miniPaasKeys;
    private final Subscribers subscribers = new Subscribers();
    private final MirrorLane lane;
    private volatile RouteTable effective = RouteTable.empty();
    private volatile boolean loaded;
    // Guarded by the lane's lock:
    private String epoch;
    private long seq;
    private RouteTable ferry = RouteTable.empty();
    private Map<String, Route> miniPaas = Map.of();
    private boolean down;

    RedisRouteMirror(RedisConnections redis, RedisKeys keys, RedisRegistryConfig config) {
        this.redis = redis;
        this.keys = keys;
        this.config = config;
        this.miniPaasKeys = new MiniPaasKeys(config.miniPaasKeyPrefix());
        this.lane = new MirrorLane(redis.address(), config.commandTimeout().multipliedBy(20));
        lane.every(config.pollInterval(), this::poll);
    }

    /** True on a thread that is changing the copy or calling listeners (such as inside a listener's callback). */
    boolean onDeliveryThread() {
        return lane.held();
    }

    /** The copy; loads it first if it never was (and stays empty if Redis cannot be reached). */
    RouteTable table() {
        if (!loaded) {
            try {
                lane.call(() -> ensureLoaded());
            } catch (RouteRegistryUnavailableException e) {
                LOG.warn("{}; the route table is empty until it answers", e.getMessage());
            }
        }
        return effective;
    }

    /**
     * Whether the copy is loaded and has no route of {@code key}: then Redis most likely has none either (a writer's
     * guess, which its compare-and-set checks). Any thread.
     */
    boolean lacks(RouteKey key) {
        return loaded && key.find(effective).isEmpty();
    }

    RouteRegistry.Subscription subscribe(RouteListener listener) {
        return lane.call(() -> {
            ensureLoaded();
            return subscribers.add(listener, effective);
        });
    }

    /**
     * Returns once change {@code changeSeq} of {@code changeEpoch}, which this registry just wrote as
     * {@code record}, is in the copy and handed to every subscriber. When it is the next change of the copy's epoch
     * it is applied as is, as its pub/sub message would be (which then finds it applied): no round trip to Redis.
     * Otherwise the copy catches up from Redis.
     */
    void awaitApplied(long changeSeq, String changeEpoch, String record) {
        if (applyNextHere(changeSeq, changeEpoch, record)) {
            return;
        }
        try {
            lane.call(() -> {
                if (!loaded) {
                    return null;
                }
                boolean sameEpoch = epoch != null && epoch.equals(changeEpoch);
                if (sameEpoch && changeSeq == seq + 1) {
                    apply(changeSeq, record, true);
                } else if (!sameEpoch || seq < changeSeq) {
                    catchUp();
                }
                return null;
            });
        } catch (RouteRegistryUnavailableException e) {
            LOG.debug("change {} is in Redis; it reaches this registry's copy once Redis answers", changeSeq, e);
        }
    }

    /**
     * Settles change {@code changeSeq} on this thread, with no round trip to Redis, when the lock is free: applies it
     * when it is the next one, drops it when the copy already has it (or is not loaded yet, as the mirror's thread
     * would). False, with nothing done, when the lock is busy or the change needs Redis (a gap, another epoch).
     *
     * @param changeEpoch the epoch this registry just wrote the change in, or {@code null} for a pub/sub message
     */
    private boolean applyNextHere(long changeSeq, String changeEpoch, String record) {
        return lane.tryHere(() -> {
            if (!loaded) {
                return true;
            }
            if (changeEpoch != null && !changeEpoch.equals(epoch)) {
                return false;
            }
            if (changeSeq <= seq) {
                return true;
            }
            if (changeSeq != seq + 1) {
                return false;
            }
            apply(changeSeq, record, true);
            return true;
        });
    }

    private Void ensureLoaded() {
        if (!loaded) {
            redis.subscribe(new Notifications(), keys.channel(), config.miniPaasChannel());
            fullLoad(false);
        }
        return null;
    }

    private void poll() {
        if (!loaded) {
            return;
        }
        try {
            catchUp();
            if (down) {
                down = false;
                reloadMiniPaas();
                LOG.info("route registry {} answers again; caught up to change {}", redis.address(), seq);
            }
        } catch (RuntimeException e) {
            if (!down) {
                down = true;
                LOG.warn("route registry {} is unreachable; keeping the last table of {} routes: {}", redis.address(),
                        effective.size(), e.getMessage());
                subscribers.fail(e);
            }
        }
    }

    /** Brings the copy up to Redis's counter from the stream, or in full when it must. */
    private void catchUp() {
        redis.call(r -> {
            List<KeyValue<String, String>> both = r.mget(keys.epoch(), keys.seq()); // one round trip for the two
            String currentEpoch = both.get(0).getValueOrElse(null);
            long current = parseSeq(both.get(1).getValueOrElse(null));
            if (epoch == null) {
                // The copy was loaded before anything was ever written: the first write named the epoch, and the
                // stream holds every change since (or the chain check below sends us to a full load).
                epoch = currentEpoch;
            }
            if (!Objects.equals(currentEpoch, epoch) || current < seq) {
                fullLoad(true);
            } else if (current > seq && !readStream(r, current, true)) {
                fullLoad(true);
            }
            return null;
        });
    }

    /**
     * Applies the stream's entries after {@link #seq}; false when the stream no longer holds the next one, or
     * ends before {@code upTo}.
     */
    private boolean readStream(RedisCommands<String, String> r, long upTo, boolean deliver) {
        while (true) {
            List<StreamMessage<String, String>> page = r.xrange(keys.changes(),
                    Range.from(Range.Boundary.including((seq + 1) + "-0"), Range.Boundary.unbounded()), Limit.from(PAGE));
            for (StreamMessage<String, String> m : page) {
                long id = Long.parseLong(m.getId().substring(0, m.getId().indexOf('-')));
                if (id != seq + 1) {
                    return false;
                }
                apply(id, m.getBody().get("c"), deliver);
            }
            if (page.size() < PAGE) {
                return seq >= upTo;
            }
        }
    }

    private void fullLoad(boolean resync) {
        redis.call(r -> {
            for (int attempt = 0; ; attempt++) {
                epoch = r.get(keys.epoch());
                seq = parseSeq(r.get(keys.seq()));
                ferry = RedisTableScan.ferryRoutes(r, keys);
                miniPaas = miniPaasKeys.read(r);
                if (readStream(r, parseSeq(r.get(keys.seq())), false) || attempt == 2) {
                    break;
                }
            }
            effective = RedisTableScan.overlay(ferry, miniPaas);
            loaded = true;
            return null;
        });
        LOG.info("route table loaded from {}: {} HTTP and {} TCP routes at change {}", redis.address(), effective.size(),
                effective.tcpRoutes().size(), seq);
        if (resync) {
            subscribers.resync(effective);
        }
    }

    private void apply(long changeSeq, String record, boolean deliver) {
        seq = changeSeq;
        RouteChange change;
        try {
            change = switch (JournalLine.parse(record)) {
                case JournalLine.Set set -> set.state().toChange();
                case JournalLine.Delete del -> del.key().removal();
            };
        } catch (IllegalArgumentException | NullPointerException e) {
            LOG.warn("skipping unreadable change {} in {}: {}", changeSeq, keys.changes(), e.getMessage());
            return;
        }
        ferry = ferry.apply(change);
        if (change instanceof RouteChange.HttpRouteRemoved removed && miniPaas.containsKey(removed.domain())) {
            change = new RouteChange.HttpRouteSet(miniPaas.get(removed.domain()));
        }
        publish(change, deliver);
    }

    private void reloadMiniPaas() {
        Map<String, Route> fresh = redis.call(miniPaasKeys::read);
        Set<String> domains = new HashSet<>(miniPaas.keySet());
        domains.addAll(fresh.keySet());
        miniPaas = fresh;
        for (String domain : domains) {
            if (ferry.route(domain) != null) {
                continue;
            }
            Route wanted = fresh.get(domain);
            publish(wanted == null ? new RouteChange.HttpRouteRemoved(domain) : new RouteChange.HttpRouteSet(wanted), true);
        }
    }

    /** Applies one change to the copy and hands it to the subscribers, unless it changes nothing. */
    private void publish(RouteChange change, boolean deliver) {
        boolean same = switch (change) {
            case RouteChange.HttpRouteSet s -> s.route().equals(effective.route(s.route().domain()));
            case RouteChange.HttpRouteRemoved d -> effective.route(d.domain()) == null;
            case RouteChange.TcpRouteSet s -> s.route().equals(effective.tcpRoute(s.route().port()));
            case RouteChange.TcpRouteRemoved d -> effective.tcpRoute(d.port()) == null;
        };
        if (same) {
            return;
        }
        // Without Mini-PaaS keys the overlay is Ferry's own table: share it rather than copy a shard a second time.
        effective = miniPaas.isEmpty() ? ferry : effective.apply(change);
        if (deliver) {
            subscribers.deliver(change);
        }
    }

    private static long parseSeq(String value) {
        return value == null ? 0 : Long.parseLong(value);
    }

    @Override
    public void close() {
        subscribers.closeAll();
        lane.close();
    }

    /** Pub/sub callbacks (on Lettuce's threads), handed to the delivery thread in arrival order. */
    private final class Notifications extends RedisPubSubAdapter<String, String> {
        @Override
        public void message(String channel, String message) {
            if (channel.equals(keys.channel())) {
                int space = message.indexOf(' ');
                try {
                    if (space > 0 && applyNextHere(Long.parseLong(message.substring(0, space)), null,
                            message.substring(space + 1))) {
                        return;
                    }
                } catch (NumberFormatException e) {
                    // not a change of ours: the mirror's thread reads it as before
                }
            }
            lane.later(() -> {
                if (channel.equals(config.miniPaasChannel())) {
                    if (message.strip().equals("reload") && loaded) {
                        reloadMiniPaas();
                    }
                    return;
                }
                int space = message.indexOf(' ');
                long changeSeq = space > 0 ? Long.parseLong(message.substring(0, space)) : -1;
                if (!loaded || changeSeq <= seq) {
                    return;
                }
                if (changeSeq == seq + 1) {
                    apply(changeSeq, message.substring(space + 1), true);
                } else {
                    catchUp();
                }
            });
        }

        @Override
        public void subscribed(String channel, long count) {
            // Also called when Lettuce re-subscribes after a reconnect: whatever was published meanwhile is lost.
            if (channel.equals(keys.channel())) {
                lane.later(() -> {
                    if (loaded) {
                        catchUp();
                        reloadMiniPaas();
                    }
                });
            }
        }
    }
}
