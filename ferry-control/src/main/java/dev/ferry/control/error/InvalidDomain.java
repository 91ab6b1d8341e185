package dev.ferry.control.error;

/** 422 {@code invalid_domain}: the domain is not a valid host name. */
public final class InvalidDomain extends ApiException {

    public InvalidDomain(String message) {
        super(422, "invalid_domain", message);
    }
}
