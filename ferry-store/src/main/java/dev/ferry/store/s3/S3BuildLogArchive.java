package dev.ferry.store.s3;

import dev.ferry.core.build.BuildLogArchive;
import dev.ferry.core.store.AppDataCleanup;
import dev.ferry.core.store.BuildId;
import dev.ferry.core.store.DestroyedApp;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The {@link BuildLogArchive} in an S3-compatible bucket ({@code --slug-store s3://BUCKET/PREFIX}): each build's
 * kept output the object {@code PREFIX/build-logs/b-<id>.log}, replaced when stored again, streamed both ways
 * ({@link S3Bucket}). Build ids are the store's, so one prefix serves one platform's store. As an
 * {@link AppDataCleanup}, it deletes the outputs of a destroyed app's builds, as the PostgreSQL store deletes its
 * large objects with the app's rows. Thread-safe.
 */
public final class S3BuildLogArchive implements BuildLogArchive, AppDataCleanup {

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

    @Override
    public void removeDataOf(DestroyedApp destroyed) throws IOException {
        IOException first = null;
        for (BuildId build : destroyed.builds()) {
            try {
                bucket.delete(objectName(build));
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
