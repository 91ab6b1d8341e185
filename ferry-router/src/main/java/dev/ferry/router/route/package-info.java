/**
 * The router's live route table and pools: {@link dev.ferry.router.route.LiveRoutes} (built from a
 * {@link dev.ferry.router.route.LiveRoutesConfig}) implements {@link dev.ferry.router.route.RouteLookup},
 * whose {@link dev.ferry.router.route.Pool}s balance, track health and count in-flight requests.
 */
package dev.ferry.router.route;
