package dev.ferry.core.api;

import java.util.Objects;

/**
 * The answer of {@code POST /api/dashboard/links}: a one-time sign-in path of the dashboard, relative to the API's
 * address, as {@code ferry dashboard} prints it.
 *
 * @param path      {@code /sign-in/link?code=…}
 * @param expiresAt when the link stops working (ISO-8601)
 */
public record DashboardLink(String path, String expiresAt) {

    public DashboardLink {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
