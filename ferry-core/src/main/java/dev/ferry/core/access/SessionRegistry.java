package dev.ferry.core.access;

/**
 * Where every long-lived session registers when it starts, with the {@link SessionGrant} it was authorised for, a
 * {@link Recheck} of that authorisation and how to close it; it deregisters when it ends by itself. The registry
 * closes a session whose authorisation went: {@link OpenSessions} when an {@link AccessChange} concerning it is
 * announced, {@link RevalidatedSessions} on a period. Implementations are thread-safe.
 */
public interface SessionRegistry {

    /** Registers nothing and closes nothing, for components used without a platform (tests, tools). */
    SessionRegistry NONE = (grant, recheck, closer) -> () -> { };

    /** Registers a session; close the returned registration when the session ends. */
    Registration open(SessionGrant grant, Recheck recheck, Closer closer);

    /** Asks again whether the session is still authorised, exactly as when it was opened. */
    @FunctionalInterface
    interface Recheck {
        /**
         * @return false when the authorisation is gone
         * @throws RuntimeException when the answer cannot be had now (the registry decides what that means)
         */
        boolean stillAllowed();
    }

    /** Ends a session whose authorisation went; called at most once, must not block for long. */
    @FunctionalInterface
    interface Closer {
        /** @param reason a sentence such as {@code the token was revoked}, for logs and for the client */
        void close(String reason);
    }

    /** A registered session; closing it deregisters (idempotent). */
    @FunctionalInterface
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
