/**
 * Access that can be taken back, and guessing that is slowed down: the control side announces every narrowing of
 * access ({@link dev.ferry.core.access.AccessChanges}) and each long-lived session is registered with what it was
 * authorised for ({@link dev.ferry.core.access.SessionRegistry}), so that {@link dev.ferry.core.access.OpenSessions}
 * (in one process) or {@link dev.ferry.core.access.RevalidatedSessions} (in a separate gateway) closes it when that
 * authorisation goes; {@link dev.ferry.core.access.AuthFailureLimiter} refuses addresses that fail too often.
 */
package dev.ferry.core.access;
