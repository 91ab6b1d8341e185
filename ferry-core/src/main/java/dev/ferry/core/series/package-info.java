/**
 * Small per-app time series kept in memory: {@link dev.ferry.core.series.PerAppRing}, the one ring of fixed-width
 * slots that the traffic series and the resource series both keep their minutes in.
 */
package dev.ferry.core.series;
