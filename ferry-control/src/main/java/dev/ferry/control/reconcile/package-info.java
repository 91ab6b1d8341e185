/**
 * Desired state to running instances: {@link dev.ferry.control.reconcile.Deployments} is what the API and the
 * push path call after a release or formation change; {@link dev.ferry.control.reconcile.Reconciler} writes it
 * through to an {@link dev.ferry.core.runtime.AppRuntime} and converges the runtime to the store's desired state
 * at start and periodically, every app's work in its own lane;
 * {@link dev.ferry.control.reconcile.Deployments#withoutRuntime} when none runs.
 */
package dev.ferry.control.reconcile;
