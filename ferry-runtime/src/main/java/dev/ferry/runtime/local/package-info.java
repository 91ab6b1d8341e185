/**
 * The embedded runtime: {@link dev.ferry.runtime.local.LocalRuntime} (an {@code AppRuntime} of supervised,
 * sandboxed child processes with health-gated, zero-downtime deploys), configured by
 * {@link dev.ferry.runtime.local.LocalRuntimeConfig}.
 */
package dev.ferry.runtime.local;
