package dev.ferry.runtime.sandbox;

/**
 * How the local runtime isolates the network of instances, {@code ferry run} processes and builds. {@link #AUTO}
 * (the default) gives each sandboxed process its own network namespace connected by pasta when bubblewrap and
 * {@code pasta} (Debian's {@code passt}) work here, and shares the host's network otherwise, with one warning.
 */
public enum NetworkMode {
    /** An own network namespace with pasta when it works here, else the host's network. */
    AUTO,
    /** An own network namespace with pasta; the runtime refuses to start when pasta or bubblewrap is missing. */
    PASTA,
    /** The host's network: an app reaches every loopback service of the host. */
    SHARED
}
