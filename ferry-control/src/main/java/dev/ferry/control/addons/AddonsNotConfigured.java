package dev.ferry.control.addons;

import dev.ferry.control.error.ApiException;
import dev.ferry.core.addons.AddonKind;

/** 409 {@code addons_not_configured}: no server was given for this kind of add-on; the message says how to give one. */
final class AddonsNotConfigured extends ApiException {

    AddonsNotConfigured(AddonKind kind) {
        super(409, "addons_not_configured", switch (kind) {
            case POSTGRES -> "No PostgreSQL server is configured for add-ons. Start Ferry with"
                    + " --addons-postgres postgres://ADMIN@HOST:5432/ (the password in FERRY_ADDONS_POSTGRES_PASSWORD),"
                    + " or with --addons local to run one from this host's PostgreSQL.";
            case REDIS -> "No Redis server is configured for add-ons. Start Ferry with --addons-redis"
                    + " redis://[USER:PASSWORD@]HOST:6379, or with --addons local to run one from this host's"
                    + " redis-server.";
        });
    }
}
