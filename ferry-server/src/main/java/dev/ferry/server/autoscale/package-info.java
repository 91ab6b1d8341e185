/**
 * Autoscaling in the platform: {@link dev.ferry.server.autoscale.AppLatency} (each app's response times from the
 * router's access log) and {@link dev.ferry.server.autoscale.AutoscaleWiring} (the autoscaler and its API).
 */
package dev.ferry.server.autoscale;
