package dev.ferry.core.store;

/**
 * The kinds of change recorded as {@link Event}s, each with a stable dotted code as stored and shown by
 * the API ({@code config.set}).
 */
public enum EventAction {
    USER_CREATE("user.create"),
    TOKEN_CREATE("token.create"),
    TOKEN_REVOKE("token.revoke"),
    APP_CREATE("app.create"),
    APP_DESTROY("app.destroy"),
    /** An app took a new name ({@code apps:rename}); the event's detail names both. */
    APP_RENAME("app.rename"),
    COLLABORATOR_ADD("collaborator.add"),
    COLLABORATOR_REMOVE("collaborator.remove"),
    CONFIG_SET("config.set"),
    CONFIG_UNSET("config.unset"),
    DEPLOY("release.deploy"),
    RELEASE_STATUS("release.status"),
    ROLLBACK("release.rollback"),
    SCALE("formation.scale"),
    DOMAIN_ADD("domain.add"),
    DOMAIN_REMOVE("domain.remove"),
    /** An admin added a domain over a route or another app's domain ({@code domains:add --force}). */
    DOMAIN_FORCE("domain.force"),
    BUILD_QUEUE("build.queue"),
    BUILD_START("build.start"),
    BUILD_FINISH("build.finish"),
    BUILD_RELEASE("build.release"),
    KEY_ADD("key.add"),
    KEY_REMOVE("key.remove"),
    DRAIN_ADD("drain.add"),
    DRAIN_REMOVE("drain.remove"),
    CERT_ADD("cert.add"),
    CERT_REMOVE("cert.remove"),
    HTTPS_SETTINGS("https.settings"),
    /** Ferry's ACME issuer installed a certificate it got for a host. */
    ACME_ISSUE("acme.issue"),
    /** An ACME order for a host failed; the host's certificate, if any, keeps serving. */
    ACME_FAIL("acme.fail"),
    /** Certificates over ACME were turned back on for the app ({@code certs:auto:enable}). */
    ACME_ENABLE("acme.enable"),
    /** Certificates over ACME were turned off for the app ({@code certs:auto:disable}); its ACME ones stay until expiry. */
    ACME_DISABLE("acme.disable"),
    ADDON_CREATE("addon.create"),
    ADDON_ATTACH("addon.attach"),
    ADDON_DETACH("addon.detach"),
    ADDON_DESTROY("addon.destroy"),
    /** Autoscaling of web was turned on or its rule changed ({@code ps:autoscale web --min --max --p95}). */
    AUTOSCALE_ENABLE("autoscale.enable"),
    /** Autoscaling was turned off ({@code ps:autoscale --off}, or a manual scale of web). */
    AUTOSCALE_DISABLE("autoscale.disable"),
    /** The autoscaler changed the quantity of web; the platform is the actor. */
    AUTOSCALE("formation.autoscale"),
    /** New credentials of an add-on ({@code pg:credentials:rotate}). */
    ADDON_ROTATE("addon.rotate");

    private final String code;

    EventAction(String code) {
        this.code = code;
    }

    /** The stable code, as in {@code config.set}. */
    public String code() {
        return code;
    }

    /**
     * The action with this code.
     *
     * @throws IllegalArgumentException for an unknown code
     */
    public static EventAction ofCode(String code) {
        for (EventAction action : values()) {
            if (action.code.equals(code)) {
                return action;
            }
        }
        throw new IllegalArgumentException("unknown event action '" + code + "'");
    }
}
