package dev.ferry.store.route.internal;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The two Lua scripts of the Redis registry ({@code write.lua}: compare-and-set of one route with its change
 * record; {@code sweep.lua}: endpoints whose TTL ran out), run by digest and sent whole only when Redis does
 * not have them (after a restart, say).
 */
public final class RedisScripts {

    /** What a write did. */
    public enum Outcome { OK, CONFLICT, REFRESHED }

    /**
     * A write's outcome, the number of the change it recorded (0 for none) and the epoch of that number ({@code ""}
     * unless the outcome is {@link Outcome#OK}).
     */
    public record Written(Outcome outcome, long seq, String epoch) {
    }

    private final String write = load("write.lua");
    private final String sweep = load("sweep.lua");

    public Written write(RedisCommands<String, String> redis, RedisKeys keys, String... argv) {
        List<Object> reply = run(redis, write, new String[] {keys.routes(), keys.seq(), keys.changes(), keys.deadlines(),
                keys.epoch()}, argv);
        Outcome outcome = Outcome.valueOf(((String) reply.get(0)).toUpperCase(java.util.Locale.ROOT));
        return new Written(outcome, (Long) reply.get(1), reply.size() > 2 ? (String) reply.get(2) : "");
    }

    /** The deadline members whose time has come, at most {@code limit}. */
    public List<String> sweep(RedisCommands<String, String> redis, RedisKeys keys, long outageGapMillis, int limit) {
        List<Object> reply = run(redis, sweep, new String[] {keys.deadlines(), keys.swept()},
                new String[] {Long.toString(outageGapMillis), Integer.toString(limit)});
        return reply.stream().map(String.class::cast).toList();
    }

    private static List<Object> run(RedisCommands<String, String> redis, String script, String[] keys, String[] argv) {
        String digest = redis.digest(script);
        try {
            return redis.evalsha(digest, ScriptOutputType.MULTI, keys, argv);
        } catch (RedisNoScriptException e) {
            return redis.eval(script, ScriptOutputType.MULTI, keys, argv);
        }
    }

    private static String load(String name) {
        try (InputStream in = RedisScripts.class.getResourceAsStream("/dev/ferry/store/route/redis/" + name)) {
            if (in == null) {
                throw new IllegalStateException("script " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
