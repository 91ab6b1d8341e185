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

    public String code() {
        return code;
    }
}
