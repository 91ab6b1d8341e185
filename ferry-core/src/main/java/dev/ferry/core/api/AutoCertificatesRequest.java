package dev.ferry.core.api;

/**
 * The body of {@code PUT /api/apps/{app}/certs/auto}: {@code {"enabled": true}} ({@code certs:auto:enable}) or
 * {@code false} ({@code certs:auto:disable}).
 *
 * @param enabled required
 */
public record AutoCertificatesRequest(Boolean enabled) {
}
