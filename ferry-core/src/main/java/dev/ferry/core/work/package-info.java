/**
 * Work of the control plane ordered per app: {@link dev.ferry.core.work.AppLanes}, one lane per app; across control
 * nodes, {@link dev.ferry.core.work.AppLocks} (one deploy per app) and {@link dev.ferry.core.work.Leases} (one leader).
 */
package dev.ferry.core.work;
