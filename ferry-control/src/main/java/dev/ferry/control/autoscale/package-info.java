/**
 * Autoscaling of an app's {@code web} process by its p95 response time: {@link dev.ferry.control.autoscale.Autoscaler}
 * (the loop, which scales through the reconciler), {@link dev.ferry.control.autoscale.AutoscalePolicy} (the decision),
 * {@link dev.ferry.control.autoscale.AutoscaleConfig} (its timing) and {@link dev.ferry.control.autoscale.AutoscaleApi}
 * ({@code ps:autoscale}).
 */
package dev.ferry.control.autoscale;
