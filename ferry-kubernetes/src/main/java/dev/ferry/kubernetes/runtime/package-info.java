/**
 * The runtime port on Kubernetes: {@link dev.ferry.kubernetes.runtime.KubernetesRuntime} (configured by
 * {@link dev.ferry.kubernetes.runtime.KubernetesRuntimeConfig}, told about releases by
 * {@link dev.ferry.kubernetes.runtime.ReleaseFacts}) runs each app in its namespace as Deployments, a release-phase
 * Job, Secrets and a web Service, which {@code ReleaseObjects} makes.
 */
package dev.ferry.kubernetes.runtime;
