/**
 * The embedded route registry: {@link dev.ferry.store.route.JournaledRouteRegistry}, the in-process
 * {@link dev.ferry.core.route.RouteRegistry} journaled to the data directory, and the
 * {@link dev.ferry.store.route.CorruptJournalException} it reports a damaged journal with.
 */
package dev.ferry.store.route;
