package dev.ferry.store.s3;

import dev.ferry.core.build.SlugArchive;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The {@link SlugArchive} in an S3-compatible bucket ({@code --slug-store s3://BUCKET/PREFIX}): each slug the
 * object {@code PREFIX/slugs/<sha256>.tar.gz}, so that a slug built on one control node runs on any other, as with
 * the PostgreSQL store's large objects. The id is the slug's SHA-256, so a slug is stored once: storing an id
 * already there does nothing, and two nodes storing one id at once write the same bytes, the object appearing
 * whole either way. Streamed both ways ({@link S3Bucket}). Slugs are kept when apps are destroyed (another app may
 * run the same one). Thread-safe.
 */
public final class S3SlugArchive implements SlugArchive {

    private final S3Bucket bucket;

    public S3SlugArchive(S3Bucket bucket) {
        this.bucket = bucket;
    }

    /** The object name of slug {@code slugId} under the bucket's prefix. */
    public static String objectName(String slugId) {
        if (slugId == null || !slugId.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a slug id (64 lowercase hex digits): " + slugId);
        }
        return "slugs/" + slugId + ".tar.gz";
    }

    @Override
    public boolean contains(String slugId) {
        try {
            return bucket.exists(objectName(slugId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void put(String slugId, Path file) throws IOException {
        String name = objectName(slugId);
        if (!bucket.exists(name)) {
            bucket.upload(name, file);
        }
    }

    @Override
    public boolean copyTo(String slugId, OutputStream out) throws IOException {
        return bucket.download(objectName(slugId), out);
    }
}
