package dev.ferry.control.error;

/** 422 {@code invalid_config}: a config var name or value breaks the rules of {@link dev.ferry.core.store.ConfigVars}. */
public final class InvalidConfig extends ApiException {

    public InvalidConfig(String message) {
        super(422, "invalid_config", message);
    }
}
