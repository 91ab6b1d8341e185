package dev.ferry.server.config;

import dev.ferry.addons.AddonServerUrl;
import java.util.Objects;
import java.util.Optional;

/**
 * Where add-ons are made, part of {@link FerryConfig}: {@code --addons local} runs a loopback PostgreSQL and Redis
 * from the host's binaries in the data dir; {@code --addons-postgres postgres://ADMIN@HOST:PORT/} and
 * {@code --addons-redis redis://…} name servers Ferry is given, and win over the local one of their kind.
 * Default ({@link #NONE}): no server, so {@code addons:create} is refused with a message saying how to give one.
 */
public record AddonSettings(boolean local, Optional<AddonServerUrl> postgres, Optional<AddonServerUrl> redis) {

    /** No add-on server. */
    public static final AddonSettings NONE = new AddonSettings(false, Optional.empty(), Optional.empty());

    public AddonSettings {
        Objects.requireNonNull(postgres, "postgres");
        Objects.requireNonNull(redis, "redis");
        if (postgres.isPresent() && !postgres.get().scheme().equals("postgres")) {
            throw new IllegalArgumentException("--addons-postgres needs a postgres:// URL");
        }
        if (redis.isPresent() && !redis.get().scheme().equals("redis")) {
            throw new IllegalArgumentException("--addons-redis needs a redis:// URL");
        }
    }

    /** True when any add-on server is configured. */
    public boolean any() {
        return local || postgres.isPresent() || redis.isPresent();
    }

    /** {@code local} or {@code none}, the values of {@code --addons}. */
    static boolean parseMode(String value) {
        return switch (value) {
            case "local" -> true;
            case "none" -> false;
            default -> throw new IllegalArgumentException("must be local (run PostgreSQL and Redis from this host's"
                    + " binaries) or none");
        };
    }
}
