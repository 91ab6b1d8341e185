package dev.ferry.server.access;

import dev.ferry.core.access.AuthFailureLimiter;
import dev.ferry.core.access.OpenSessions;
import dev.ferry.core.access.SessionGrant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes access events to the server log (logger {@code dev.ferry.access}): every failed authentication with the
 * client's address and the way in (never the secret, which it is not given), the start of each refusal of an
 * address, and every session closed because its authorisation went.
 */
public final class AccessEventLog implements AuthFailureLimiter.Listener, OpenSessions.Listener {

    private static final Logger log = LoggerFactory.getLogger("dev.ferry.access");

    @Override
    public void failed(AuthFailureLimiter.Failure f) {
        log.warn("authentication failed from {} ({}), {} in this window", f.client(), f.what(), f.failuresInWindow());
        f.refusedFor().ifPresent(d -> log.warn("refusing authentication from {} for {} s after {} failures",
                f.client(), d.toSeconds(), f.failuresInWindow()));
    }

    @Override
    public void closed(SessionGrant grant, String reason) {
        log.info("closed the {}: {}", grant.describe(), reason);
    }
}
