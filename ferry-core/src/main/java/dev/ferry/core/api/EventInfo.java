package dev.ferry.core.api;

/**
 * One entry of the audit log, in {@code GET /api/events}, {@code GET /api/apps/{app}/events} and {@link AppDetail}.
 * Unlike other records, its {@code null} components are written as JSON {@code null}.
 *
 * @param id     increases with time
 * @param time   ISO-8601 UTC
 * @param actor  who did it (e-mail address); {@code null} for the platform itself
 * @param app    the app it is about; {@code null} for events about users and tokens
 * @param action a stable code such as {@code config.set}
 * @param detail one sentence for people
 */
public record EventInfo(long id, String time, String actor, String app, String action, String detail) {
}
