package dev.ferry.runtime.sandbox;

/**
 * How the local runtime isolates instances. {@link #AUTO} (the default) uses bubblewrap when {@code bwrap} is on
 * the PATH and a probe run succeeds, and runs instances unsandboxed otherwise (with one warning).
 */
public enum SandboxMode {
    /** Bubblewrap when it works here, else none. */
    AUTO,
    /** Bubblewrap; the runtime refuses to start when the probe fails. */
    BUBBLEWRAP,
    /** No sandbox: instances run as Ferry's own user in their instance directory. */
    NONE
}
