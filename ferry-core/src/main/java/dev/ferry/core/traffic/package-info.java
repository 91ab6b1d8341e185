/**
 * Each app's recent traffic as small per-minute series kept in memory: {@link dev.ferry.core.traffic.TrafficSeries}
 * (fed by the router's access log, read by the dashboard's charts and, as a latency source, by the autoscaler).
 */
package dev.ferry.core.traffic;
