package dev.ferry.server.config;

import dev.ferry.store.postgres.PostgresLocation;
import dev.ferry.store.s3.S3Settings;
import dev.ferry.store.sql.ConfigKey;
import java.util.Objects;
import java.util.Optional;

/**
 * Which store the control plane keeps its state in, part of {@link FerryConfig}: by default ({@link #EMBEDDED})
 * the SQLite file in the data dir with its key in {@code <data-dir>/secret.key}; with {@code --store
 * postgres://…}, a PostgreSQL database that several control nodes can share. {@code key} is where the key that
 * encrypts config vars comes from ({@code --secret-key-file} or {@code FERRY_SECRET_KEY}): optional for the
 * embedded store, required for PostgreSQL, because every node must have the same one and none may make its own.
 * {@code slugs} is where slugs and build outputs are shared ({@code --slug-store s3://BUCKET/PREFIX}, with the
 * endpoint and keys from {@code AWS_*} variables; decision 034); by default the PostgreSQL store's large objects
 * when the store is PostgreSQL, else none (the data dir alone).
 */
public record StoreSettings(Optional<PostgresLocation> postgres, Optional<ConfigKey> key, Optional<S3Settings> slugs) {

    /** The embedded SQLite store with the data dir's key file. */
    public static final StoreSettings EMBEDDED = new StoreSettings(Optional.empty(), Optional.empty());

    /** These settings with slugs where the store puts them (no {@code --slug-store}). */
    public StoreSettings(Optional<PostgresLocation> postgres, Optional<ConfigKey> key) {
        this(postgres, key, Optional.empty());
    }

    public StoreSettings {
        Objects.requireNonNull(postgres, "postgres");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(slugs, "slugs");
        if (postgres.isPresent() && key.isEmpty()) {
            throw new IllegalArgumentException("--store " + postgres.get() + " needs the key that every control node"
                    + " shares, to encrypt config vars: --secret-key-file PATH (made when missing and the database is"
                    + " new) or FERRY_SECRET_KEY (base64 of 32 bytes, e.g. from: head -c 32 /dev/urandom | base64)");
        }
    }
}
