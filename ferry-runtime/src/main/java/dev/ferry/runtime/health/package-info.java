/**
 * Instance health: {@link dev.ferry.runtime.health.StartupGate} gates first traffic on the
 * {@link dev.ferry.core.manifest.AppHealthCheck}s a release's {@code app.json} declares, and
 * {@link dev.ferry.runtime.health.HealthProbe} makes one TCP try (HTTP tries are core's
 * {@link dev.ferry.core.health.HttpProbe}).
 */
package dev.ferry.runtime.health;
