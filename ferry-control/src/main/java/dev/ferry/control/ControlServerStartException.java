package dev.ferry.control;

/** Thrown by {@link ControlServer#start()} when it cannot listen, e.g. because the port is taken. */
public final class ControlServerStartException extends RuntimeException {

    public ControlServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
