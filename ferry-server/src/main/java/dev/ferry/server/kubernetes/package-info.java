/**
 * Ferry on Kubernetes, as wired here: {@link dev.ferry.server.kubernetes.KubernetesWiring} starts the Kubernetes
 * runtime of {@code --runtime kubernetes} with the facts of releases it needs from this node's slug store and build
 * records, and the slug download its pods fetch releases from; the {@code ferry kubernetes-controller} role
 * ({@link dev.ferry.server.kubernetes.KubernetesControllerCommand},
 * {@link dev.ferry.server.kubernetes.KubernetesControllerWiring}) runs the annotation controller, led by a Lease,
 * writing routes to the fleet's Redis registry.
 */
package dev.ferry.server.kubernetes;
