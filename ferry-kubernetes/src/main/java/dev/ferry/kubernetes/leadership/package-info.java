/**
 * Leadership among replicas by a {@code coordination.k8s.io} Lease: one leads and runs the work, the others wait and
 * take over when it stops renewing. Entry point: {@link dev.ferry.kubernetes.leadership.LeaseLeadership} with its
 * {@link dev.ferry.kubernetes.leadership.LeaseConfig}.
 */
package dev.ferry.kubernetes.leadership;
