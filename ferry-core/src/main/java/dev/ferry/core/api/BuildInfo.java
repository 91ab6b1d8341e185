package dev.ferry.core.api;

/**
 * A build of an app, in {@code GET /api/apps/{app}/builds} (newest first) and {@code GET /api/apps/{app}/builds/{id}}.
 * Unlike most records, a {@code null} component is written as JSON {@code null}, except {@code releaseStatus}, which
 * is left out when there is no release to speak of.
 *
 * @param id              {@code b-3}
 * @param app             the app
 * @param status          {@code pending}, {@code building}, {@code succeeded} or {@code failed}
 * @param commit          the full commit id it built
 * @param branch          the branch pushed
 * @param buildpack       the buildpack that built it, once detected
 * @param release         the version of the release it made, once made
 * @param releaseStatus   that release's status ({@code pending}, {@code succeeded}, {@code failed}): a build can
 *                        succeed and its release fail to deploy
 * @param failure         why it failed
 * @param createdBy       the e-mail address of who pushed
 * @param createdAt       ISO-8601 UTC
 * @param startedAt       ISO-8601 UTC, once started
 * @param finishedAt      ISO-8601 UTC, once finished
 * @param durationSeconds from start to finish, once finished
 */
public record BuildInfo(String id, String app, String status, String commit, String branch, String buildpack,
                        Integer release, String releaseStatus, String failure, String createdBy, String createdAt,
                        String startedAt, String finishedAt, Double durationSeconds) {
}
