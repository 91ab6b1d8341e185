package dev.ferry.core.store;

import java.util.Objects;

/**
 * A token just created, with its plain secret. This is the only time the secret exists outside the
 * client: the store keeps its hash. {@link #toString} does not print the secret.
 */
public record NewToken(ApiToken token, String secret) {

    public NewToken {
        Objects.requireNonNull(token, "token");
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("token secret is empty");
        }
    }

    @Override
    public String toString() {
        return "NewToken[token=" + token + ", secret=(hidden)]";
    }
}
