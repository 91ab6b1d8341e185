/**
 * Internals of the journaled route registry, not a contract: the journal file
 * ({@link dev.ferry.store.route.internal.RouteJournal}), its record format
 * ({@link dev.ferry.store.route.internal.JournalLine}) and replay, and the kind-neutral route keys and states.
 */
package dev.ferry.store.route.internal;
