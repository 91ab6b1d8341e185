package dev.ferry.control.error;

/** 422 {@code invalid_name}: an app name breaks the naming rules (3-30 lowercase letters, digits and dashes). */
public final class InvalidName extends ApiException {

    public InvalidName(String message) {
        super(422, "invalid_name", message);
    }
}
