/**
 * Several control nodes on one PostgreSQL store: {@link dev.ferry.server.fleet.FleetWiring} gives a node its name,
 * its slug store over the shared slugs, its reconciler under the fleet's lease and its builds' heartbeat.
 */
package dev.ferry.server.fleet;
