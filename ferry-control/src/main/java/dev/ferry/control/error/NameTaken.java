package dev.ferry.control.error;

/**
 * 409 {@code name_taken}: the app name cannot be used because its default host {@code <app>.<domain>} is held
 * already, by a route made with the routes API.
 */
public final class NameTaken extends ApiException {

    public NameTaken(String message) {
        super(409, "name_taken", message);
    }
}
