package dev.ferry.core.api;

/**
 * An app's HTTPS settings: the answer of {@code GET}/{@code PATCH /api/apps/{app}/https}, and the PATCH body, where
 * a {@code null} (absent) component keeps the current value. Defaults: HTTP served, no HSTS header.
 *
 * @param forceHttps            true when plain HTTP requests get a 308 to https://
 * @param hstsMaxAge            the Strict-Transport-Security max-age in seconds; 0 sends no header
 * @param hstsIncludeSubdomains true when the header carries includeSubDomains
 */
public record HttpsSettingsInfo(Boolean forceHttps, Long hstsMaxAge, Boolean hstsIncludeSubdomains) {
}
