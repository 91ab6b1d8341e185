/**
 * Instance health: {@link dev.ferry.runtime.health.AppJson} reads Dokku-style {@code app.json} healthchecks into
 * {@link dev.ferry.runtime.health.AppHealthCheck}s; {@link dev.ferry.runtime.health.StartupGate} gates first
 * traffic and {@link dev.ferry.runtime.health.HealthProbe} makes one TCP or HTTP try.
 */
package dev.ferry.runtime.health;
