package dev.ferry.core.api;

/**
 * How Ferry's ACME issuer fares with one host of an app, in {@code GET /api/apps/{app}/acme} and {@code ferry certs}.
 *
 * @param host          the app host or custom domain
 * @param state         {@code valid} (a certificate was issued), {@code failing} (the last order failed; the
 *                      certificate it had, if any, keeps serving) or {@code waiting_dns} (the name does not resolve
 *                      to Ferry yet, so nothing is ordered)
 * @param message       what was issued, or why the last order failed in the CA's words
 * @param failures      failed orders in a row
 * @param nextAttemptAt ISO-8601 UTC: when a failing host is tried again, or a waiting one checked again
 * @param updatedAt     ISO-8601 UTC: when the last order ended
 */
public record AcmeStatusInfo(String host, String state, String message, int failures, String nextAttemptAt,
                             String updatedAt) {
}
