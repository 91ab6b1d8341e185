package dev.ferry.store.route;

import dev.ferry.core.traffic.TrafficReport;
import dev.ferry.core.traffic.TrafficReports;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fleet's {@link TrafficReports}: a Redis stream {@code <prefix>traffic} (default {@code ferry:traffic}) beside
 * the route registry's keys, on the same server. A router appends one entry per report ({@code XADD}, field
 * {@code report}, the stream trimmed to about {@value #MAX_LENGTH} entries, so a fleet whose control nodes are all
 * down for hours loses the oldest reports rather than filling Redis); each control node reads new entries with its
 * own cursor ({@code XREAD}, from the newest entry at its first read); the usage records take entries through the consumer group
 * {@value #GROUP} ({@code XREADGROUP}, this consumer's unacknowledged entries first, then new ones) and
 * {@code XACK} them once written. Never blocks a connection: each read returns at once.
 *
 * <p>Errors: while Redis is unreachable every call throws {@link RouteRegistryUnavailableException}; callers keep
 * what they could not publish and try again.
 */
public final class RedisTrafficReports implements TrafficReports {

    /** The consumer group of the usage records. */
    public static final String GROUP = "usage";
    /** About how many reports the stream keeps: at one report a second, a day of traffic of one router. */
    public static final long MAX_LENGTH = 100_000;
    private static final String FIELD = "report";

    private final RedisConnections redis;
    private final String key;
    private String cursor = null;
    private boolean groupMade;

    private RedisTrafficReports(RedisRegistryConfig config) {
        this.redis = new RedisConnections(config);
        this.key = config.keyPrefix() + "traffic";
    }

    /** The stream of the registry's server and key prefix; not contacted until first use. */
    public static RedisTrafficReports open(RedisRegistryConfig config) {
        return new RedisTrafficReports(config);
    }

    @Override
    public void publish(TrafficReport report) {
        if (report.lines().isEmpty()) {
            return;
        }
        redis.call(c -> c.xadd(key, XAddArgs.Builder.maxlen(MAX_LENGTH).approximateTrimming(),
                Map.of(FIELD, report.encode())));
    }

    @Override
    public synchronized List<TrafficReport> readNew() {
        if (cursor == null) { // from the newest entry now on, by Redis's own ids (not this machine's clock)
            List<StreamMessage<String, String>> newest = redis.call(c -> c.xrevrange(key, Range.create("-", "+"),
                    Limit.create(0, 1)));
            cursor = newest.isEmpty() ? "0-0" : newest.getFirst().getId();
        }
        List<StreamMessage<String, String>> read = redis.call(c -> c.xread(XReadArgs.Builder.count(1_000),
                XReadArgs.StreamOffset.from(key, cursor)));
        List<TrafficReport> out = new ArrayList<>(read.size());
        for (StreamMessage<String, String> m : read) {
            cursor = m.getId();
            out.add(TrafficReport.decode(m.getBody().getOrDefault(FIELD, "")));
        }
        return out;
    }

    @Override
    public synchronized List<Taken> take(String consumer, int max) {
        makeGroup();
        Consumer<String> me = Consumer.from(GROUP, consumer);
        List<StreamMessage<String, String>> read = redis.call(c -> c.xreadgroup(me, XReadArgs.Builder.count(max),
                XReadArgs.StreamOffset.from(key, "0")));
        if (read.isEmpty()) {
            read = redis.call(c -> c.xreadgroup(me, XReadArgs.Builder.count(max), XReadArgs.StreamOffset.lastConsumed(key)));
        }
        List<Taken> out = new ArrayList<>(read.size());
        for (StreamMessage<String, String> m : read) {
            // a pending entry trimmed away meanwhile comes back without a body: nothing to count, only to acknowledge
            String body = m.getBody() == null ? "" : m.getBody().getOrDefault(FIELD, "");
            out.add(new Taken(m.getId(), TrafficReport.decode(body)));
        }
        return out;
    }

    @Override
    public void acknowledge(List<String> ids) {
        if (!ids.isEmpty()) {
            redis.call(c -> c.xack(key, GROUP, ids.toArray(String[]::new)));
        }
    }

    private void makeGroup() {
        if (groupMade) {
            return;
        }
        try {
            redis.call(c -> c.xgroupCreate(XReadArgs.StreamOffset.from(key, "0"), GROUP, XGroupCreateArgs.Builder.mkstream()));
        } catch (RouteRegistryUnavailableException e) {
            if (!(e.getCause() instanceof RedisBusyException)) {
                throw e;
            }
        }
        groupMade = true;
    }

    @Override
    public void close() {
        redis.close();
    }
}
