package dev.ferry.core.manifest;

/**
 * An {@code app.json} that cannot be used: not JSON, or a field of the wrong shape. The message is a sentence for
 * the pusher that names the file and, where known, the line ({@code app.json line 3 column 12: ...}).
 */
public final class InvalidAppManifest extends IllegalArgumentException {

    public InvalidAppManifest(String message) {
        super(message);
    }

    public InvalidAppManifest(String message, Throwable cause) {
        super(message, cause);
    }
}
