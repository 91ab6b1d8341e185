/**
 * The one HTTP health probe of Ferry: {@link dev.ferry.core.health.HttpProbe} sends the request and checks a
 * whole answer on a blocking socket (the local runtime), {@link dev.ferry.core.health.HttpProbeAnswer} reads
 * that answer as it arrives, also for the router's non-blocking probes.
 */
package dev.ferry.core.health;
