/**
 * Work of the control plane ordered per app: {@link dev.ferry.core.work.AppLanes}, one lane per app.
 */
package dev.ferry.core.work;
