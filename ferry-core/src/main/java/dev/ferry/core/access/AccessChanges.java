package dev.ferry.core.access;

/**
 * The port through which the control side announces that access narrowed: it calls {@link #announce} after the
 * store committed a token revocation, a collaborator's removal or an app's destruction. In {@code ferry up} the
 * platform passes its {@link OpenSessions}, which closes the sessions that lost their authorisation before
 * {@link #announce} returns. Implementations are thread-safe and do not throw.
 */
@FunctionalInterface
public interface AccessChanges {

    /** Announces nowhere, for a control API without long-lived sessions. */
    AccessChanges NONE = change -> { };

    void announce(AccessChange change);
}
