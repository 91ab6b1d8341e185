/**
 * Autoscaling in the platform: {@link dev.ferry.server.autoscale.AutoscaleWiring} (the autoscaler over the traffic
 * series, and its API).
 */
package dev.ferry.server.autoscale;
