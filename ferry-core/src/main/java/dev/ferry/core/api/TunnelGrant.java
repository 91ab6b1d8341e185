package dev.ferry.core.api;

import java.util.List;
import java.util.Objects;

/**
 * The answer to a {@link TunnelGrantRequest}: allowed with the user, app and host names, or denied with a stable
 * {@code code} ({@code unauthorized}, {@code forbidden}, {@code too_many_failures}) and a sentence. Components that
 * do not apply are {@code null} (and absent from the JSON).
 *
 * @param allowed           whether the agent may publish the app
 * @param user              the token's user id, when allowed
 * @param app               the app, when allowed
 * @param previewHost       the host the tunnel is previewed on, when allowed
 * @param appHosts          every host name of the app, when allowed
 * @param code              why not, when denied
 * @param error             the sentence for the agent, when denied
 * @param retryAfterSeconds when {@code code} is {@code too_many_failures}, how long the address must wait
 */
public record TunnelGrant(boolean allowed, Long user, String app, String previewHost, List<String> appHosts,
                          String code, String error, Long retryAfterSeconds) {

    public TunnelGrant {
        appHosts = appHosts == null ? null : List.copyOf(appHosts);
    }

    public static TunnelGrant allowed(long user, String app, String previewHost, List<String> appHosts) {
        return new TunnelGrant(true, user, Objects.requireNonNull(app, "app"),
                Objects.requireNonNull(previewHost, "previewHost"), appHosts, null, null, null);
    }

    public static TunnelGrant denied(String code, String error, Long retryAfterSeconds) {
        return new TunnelGrant(false, null, null, null, null, Objects.requireNonNull(code, "code"),
                Objects.requireNonNull(error, "error"), retryAfterSeconds);
    }
}
