package dev.ferry.tunnel.gateway;

import java.util.Objects;

/** A tunnel the gateway will not open, with a stable code (see {@link TunnelAuth}) and a sentence for people. */
public final class TunnelRefused extends Exception {

    private final String code;

    public TunnelRefused(String code, String sentence) {
        super(sentence);
        this.code = Objects.requireNonNull(code, "code");
    }

    public static TunnelRefused unauthorized() {
        return new TunnelRefused("unauthorized", "the token is not valid (log in again, or create a new token)");
    }

    public static TunnelRefused forbidden(String who, String app) {
        return new TunnelRefused("forbidden", who + " may not use the app " + app + ", so a tunnel cannot serve it");
    }

    /** The agent's address failed to authenticate too often; the agent retries after its backoff. */
    public static TunnelRefused tooManyFailures(java.time.Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new TunnelRefused("too_many_failures", "too many failed authentications from your address; try again in "
                + seconds + " s");
    }

    public String code() {
        return code;
    }
}
