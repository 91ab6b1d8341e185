/**
 * The web dashboard at the API port's {@code /}: {@link dev.ferry.control.dashboard.Dashboard} (its pages, made with
 * {@link dev.ferry.control.dashboard.Dashboard#create}) and {@link dev.ferry.control.dashboard.DashboardSessions}
 * (cookie sign-ins, CSRF tokens, one-time links), see docs/dashboard.md.
 */
package dev.ferry.control.dashboard;
