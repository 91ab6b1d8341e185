/**
 * The wiring of {@code --runtime kubernetes}: {@link dev.ferry.server.kubernetes.KubernetesWiring} starts the
 * Kubernetes runtime with the facts of releases it needs from this node's slug store and build records, and the
 * slug download its pods fetch releases from.
 */
package dev.ferry.server.kubernetes;
