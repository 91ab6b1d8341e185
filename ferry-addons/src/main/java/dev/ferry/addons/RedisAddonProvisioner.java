package dev.ferry.addons;

import dev.ferry.core.addons.AddonKind;
import dev.ferry.core.addons.AddonProvisioner;
import dev.ferry.core.addons.AddonServerUnavailable;
import dev.ferry.core.addons.ProvisionedAddon;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes each Redis add-on an ACL user of its own with a random password, on the server the admin URL names, allowed
 * only keys and pub/sub channels under its prefix ({@code addon_<name>:}) and no command of the {@code @admin} or
 * {@code @dangerous} categories (so no {@code FLUSHALL}, {@code KEYS}, {@code CONFIG} or {@code ACL}). The app sees
 * the prefix in {@code addons:info} and must put it in front of its keys. Each change is saved with {@code ACL SAVE} when the
 * server has an ACL file (the local one has), so users survive a restart. Removing deletes the user, closes its
 * connections and unlinks its keys. Needs Redis 6 or later and an admin allowed {@code ACL}. Thread-safe: each call
 * opens its own admin connection.
 */
public final class RedisAddonProvisioner implements AddonProvisioner {

    private static final Logger log = LoggerFactory.getLogger(RedisAddonProvisioner.class);
    private static final Pattern USER = Pattern.compile("addon_[a-z0-9_]{1,60}");

    private final AddonServerUrl admin;

    public RedisAddonProvisioner(AddonServerUrl admin) {
        this.admin = Objects.requireNonNull(admin, "admin");
        if (!admin.scheme().equals("redis")) {
            throw new IllegalArgumentException("--addons-redis needs a redis:// URL, not " + admin.scheme() + "://");
        }
    }

    /** The prefix every key and channel of the add-on's user must start with. */
    public static String keyPrefix(String resource) {
        return resource + ":";
    }

    @Override
    public AddonKind kind() {
        return AddonKind.REDIS;
    }

    @Override
    public String location() {
        return admin.hostAndPort();
    }

    @Override
    public ProvisionedAddon provision(String addonName) {
        String user = Secrets.resourceName(addonName);
        String password = Secrets.password();
        String prefix = keyPrefix(user);
        withAdmin("create the ACL user of add-on " + addonName, redis -> {
            acl(redis, "SETUSER", user, "reset", "on", ">" + password, "resetkeys", "~" + prefix + "*",
                    "resetchannels", "&" + prefix + "*", "+@all", "-@admin", "-@dangerous");
            saveAcl(redis);
        });
        log.info("created Redis ACL user {} on {}", user, admin.hostAndPort());
        return new ProvisionedAddon(user, "redis://" + user + ":" + password + "@" + admin.hostAndPort());
    }

    @Override
    public void deprovision(String resource) {
        if (!USER.matcher(resource).matches()) {
            throw new IllegalArgumentException("not an add-on user: " + resource);
        }
        withAdmin("remove the ACL user " + resource, redis -> {
            // DELUSER also closes the user's connections.
            redis.dispatch(CommandType.ACL, new IntegerOutput<>(StringCodec.UTF8),
                    new CommandArgs<>(StringCodec.UTF8).add("DELUSER").add(resource));
            saveAcl(redis);
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(keyPrefix(resource) + "*")
                        .limit(500));
                if (!page.getKeys().isEmpty()) {
                    redis.unlink(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
        });
        log.info("removed Redis ACL user {} and its keys on {}", resource, admin.hostAndPort());
    }

    /**
     * Writes the ACL users to the server's ACL file, so that they survive its restart. A server without one (users
     * only in memory or in redis.conf) refuses; then its admin must persist them, and Ferry says so in its log.
     */
    private void saveAcl(RedisCommands<String, String> redis) {
        try {
            acl(redis, "SAVE");
        } catch (RedisException e) {
            log.warn("the Redis server {} has no ACL file ({}): add-on users live until it restarts unless its admin"
                    + " saves them (aclfile in redis.conf)", admin.hostAndPort(), e.getMessage());
        }
    }

    private static void acl(RedisCommands<String, String> redis, String... args) {
        CommandArgs<String, String> command = new CommandArgs<>(StringCodec.UTF8);
        for (String arg : args) {
            command.add(arg);
        }
        redis.dispatch(CommandType.ACL, new StatusOutput<>(StringCodec.UTF8), command);
    }

    private void withAdmin(String what, Consumer<RedisCommands<String, String>> work) {
        RedisURI.Builder uri = RedisURI.builder().withHost(admin.host()).withPort(admin.port())
                .withTimeout(Duration.ofSeconds(5));
        admin.password().ifPresent(pw -> uri.withAuthentication(admin.user(), pw.toCharArray()));
        RedisClient client = RedisClient.create(uri.build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            work.accept(connection.sync());
        } catch (RedisException e) {
            throw new AddonServerUnavailable("Could not " + what + " on the Redis server " + admin.hostAndPort() + ": "
                    + e.getMessage(), e);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
