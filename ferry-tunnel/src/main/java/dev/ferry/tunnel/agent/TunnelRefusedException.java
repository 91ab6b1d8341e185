package dev.ferry.tunnel.agent;

/**
 * The platform will not open this tunnel (bad token, an app the token may not use): the agent stops rather
 * than retrying, and the CLI prints the message and exits non-zero.
 */
public final class TunnelRefusedException extends Exception {

    public TunnelRefusedException(String message) {
        super(message);
    }
}
