package dev.ferry.control.error;

/**
 * 403 {@code wildcard_not_allowed}: a user who is not an admin added a wildcard domain {@code *.D} without owning
 * an app that has {@code D} itself as a custom domain (or {@code D} has fewer than two labels, or covers the apps'
 * own domain).
 */
public final class WildcardNotAllowed extends ApiException {

    public WildcardNotAllowed(String message) {
        super(403, "wildcard_not_allowed", message);
    }
}
