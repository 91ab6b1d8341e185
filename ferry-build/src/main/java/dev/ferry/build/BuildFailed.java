package dev.ferry.build;

/**
 * A build that cannot produce a slug, with a sentence for the pusher (e.g. {@code Procfile line 3: ...}).
 * The push is refused and no release is made.
 */
public class BuildFailed extends Exception {

    private static final long serialVersionUID = 1L;

    public BuildFailed(String message) {
        super(message);
    }

    public BuildFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
