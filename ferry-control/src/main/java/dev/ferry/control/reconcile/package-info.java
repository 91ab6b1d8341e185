/**
 * Desired state to running instances: {@link dev.ferry.control.reconcile.Deployments} is what the API and the
 * push path call after a release or formation change; {@link dev.ferry.control.reconcile.Reconciler} runs it on an
 * {@link dev.ferry.core.runtime.AppRuntime}, {@link dev.ferry.control.reconcile.Deployments#withoutRuntime} when
 * none runs.
 */
package dev.ferry.control.reconcile;
