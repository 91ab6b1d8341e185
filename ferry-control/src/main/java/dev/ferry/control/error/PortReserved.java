package dev.ferry.control.error;

/** 409 {@code port_reserved}: the TCP port is one Ferry itself listens on. */
public final class PortReserved extends ApiException {

    public PortReserved(String message) {
        super(409, "port_reserved", message);
    }
}
