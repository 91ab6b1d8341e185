package dev.ferry.control.certs;

import dev.ferry.control.error.ApiException;

/** 422 {@code invalid_certificate}: the uploaded chain or key is refused; the message says why. Nothing is stored. */
final class InvalidCertificate extends ApiException {

    InvalidCertificate(String message) {
        super(422, "invalid_certificate", message);
    }
}
