package dev.ferry.cli.api;

import java.util.Objects;

/**
 * The CLI's saved login: the API {@code url} and its {@code token}, as kept by {@link CredentialsFile}.
 *
 * @param url   the control API's base URL, e.g. {@code http://localhost:7070}; {@code null} when the file
 *              names none
 * @param token the bearer token
 */
public record Credentials(String url, String token) {

    public Credentials {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("the token is empty");
        }
        url = url == null || url.isBlank() ? null : ApiTarget.normalizeUrl(url);
        token = token.strip();
    }
}
