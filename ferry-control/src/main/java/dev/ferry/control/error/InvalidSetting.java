package dev.ferry.control.error;

/** 422 {@code invalid_setting}: a weight, balancing or health check value is out of range. */
public final class InvalidSetting extends ApiException {

    public InvalidSetting(String message) {
        super(422, "invalid_setting", message);
    }
}
