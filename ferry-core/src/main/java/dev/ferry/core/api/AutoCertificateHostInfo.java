package dev.ferry.core.api;

/**
 * Where one host of an app stands with certificates over ACME, in {@link AutoCertificatesInfo}.
 *
 * @param host          the app host or custom domain
 * @param status        {@code issued} (an ACME certificate serves it), {@code pending} (none yet; the issuer orders
 *                      it at its next look), {@code waiting_dns} (the name does not resolve to Ferry yet),
 *                      {@code failing} (the last order failed), {@code disabled} (ACME is off for the app),
 *                      {@code user} (a user's own certificate covers it: ACME leaves it alone) or {@code never}
 *                      (a {@code .localhost} name, which no CA can check)
 * @param message       the reason or detail in words (the CA's, the DNS check's), or null
 * @param expiresAt     ISO-8601 UTC: the serving certificate's expiry, or null
 * @param nextAttemptAt ISO-8601 UTC: when a failing host is tried again, or a waiting one checked again; else null
 */
public record AutoCertificateHostInfo(String host, String status, String message, String expiresAt,
                                      String nextAttemptAt) {
}
