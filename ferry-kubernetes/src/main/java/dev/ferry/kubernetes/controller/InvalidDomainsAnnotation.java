package dev.ferry.kubernetes.controller;

/** A {@code ferry.dev/domains} value that is not a comma-separated list of valid host names; its message says why. */
public final class InvalidDomainsAnnotation extends IllegalArgumentException {

    public InvalidDomainsAnnotation(String message) {
        super(message);
    }
}
