/**
 * The route registries: {@link dev.ferry.store.route.JournaledRouteRegistry}, the in-process
 * {@link dev.ferry.core.route.RouteRegistry} journaled to the data directory (with the
 * {@link dev.ferry.store.route.CorruptJournalException} it reports a damaged journal with), and
 * {@link dev.ferry.store.route.RedisRouteRegistry}, the one a fleet shares in Redis, configured by
 * {@link dev.ferry.store.route.RedisRegistryConfig}; next to it, {@link dev.ferry.store.route.RedisAcmeChallenges}
 * carries ACME's HTTP-01 challenges to routers that have no store.
 */
package dev.ferry.store.route;
