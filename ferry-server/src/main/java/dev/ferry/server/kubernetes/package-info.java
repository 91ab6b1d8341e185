/**
 * The {@code ferry kubernetes-controller} role: the annotation controller on a cluster, led by a Lease, writing
 * routes to the fleet's Redis registry. Entry points: {@link dev.ferry.server.kubernetes.KubernetesControllerCommand}
 * and {@link dev.ferry.server.kubernetes.KubernetesControllerWiring}.
 */
package dev.ferry.server.kubernetes;
