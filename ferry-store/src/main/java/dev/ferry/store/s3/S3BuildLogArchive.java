package dev.ferry.store.s3;

import dev.ferry.core.build.BuildLogArchive;
import dev.ferry.core.store.BuildId;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The {@link BuildLogArchive} in an S3-compatible bucket ({@code --slug-store s3://BUCKET/PREFIX}): each build's
 * kept output the object {@code PREFIX/build-logs/b-<id>.log}, replaced when stored again, streamed both ways
 * ({@link S3Bucket}). Build ids are the store's, so one prefix serves one platform's store. Thread-safe.
 */
public final class S3BuildLogArchive implements BuildLogArchive {

    private final S3Bucket bucket;

    public S3BuildLogArchive(S3Bucket bucket) {
        this.bucket = bucket;
    }

    /** The object name of build {@code id}'s output under the bucket's prefix. */
    public static String objectName(BuildId id) {
        return "build-logs/" + id + ".log";
    }

    @Override
    public void put(BuildId id, Path file) throws IOException {
        bucket.upload(objectName(id), file);
    }

    @Override
    public boolean copyTo(BuildId id, OutputStream out) throws IOException {
        return bucket.download(objectName(id), out);
    }
}
