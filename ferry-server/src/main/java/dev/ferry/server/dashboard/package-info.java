/** The dashboard's wiring: {@link dev.ferry.server.dashboard.DashboardWiring} and the traffic series' access log sink. */
package dev.ferry.server.dashboard;
