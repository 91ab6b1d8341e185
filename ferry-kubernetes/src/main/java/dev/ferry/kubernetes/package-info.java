/**
 * Ferry on Kubernetes: the runtime port implemented with namespaces, Deployments, Jobs and Secrets, the
 * endpoint watcher that registers ready pods in the route registry, and the controller that routes Services by
 * their {@code ferry.dev/domains} annotation. Depends on {@code ferry-core} and fabric8's client only; wired by
 * {@code ferry-server}.
 */
package dev.ferry.kubernetes;
