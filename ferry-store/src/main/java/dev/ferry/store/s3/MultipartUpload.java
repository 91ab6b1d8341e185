package dev.ferry.store.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * One file stored as a multipart upload: created, sent part by part (each read from its place in the file when the
 * client asks, again on a retry, so no part is ever held in memory), then completed, when the object appears whole;
 * on any failure the upload is aborted, so the bucket keeps no parts of it. Used by {@link S3Bucket} for files
 * over one part.
 */
final class MultipartUpload {

    /** S3's smallest part, except the last. */
    static final long MIN_PART_BYTES = 5L * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(MultipartUpload.class);

    private final S3Client client;
    private final String bucket;
    private final String key;
    private final Path file;
    private final long size;
    private final long partBytes;

    MultipartUpload(S3Client client, String bucket, String key, Path file, long size, long partBytes) {
        this.client = client;
        this.bucket = bucket;
        this.key = key;
        this.file = file;
        this.size = size;
        this.partBytes = partBytes;
    }

    void run() {
        String uploadId = client.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            for (long offset = 0; offset < size; offset += partBytes, number++) {
                long length = Math.min(partBytes, size - offset);
                int partNumber = number;
                try (FileSlice slice = new FileSlice(file, offset, length)) {
                    String etag = client.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                                    .partNumber(partNumber).contentLength(length),
                            RequestBody.fromContentProvider(slice, length, "application/octet-stream")).eTag();
                    parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
                }
            }
            client.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(u -> u.parts(parts)));
        } catch (SdkException | UncheckedIOException e) {
            abort(uploadId);
            throw e;
        } catch (IOException e) {
            abort(uploadId);
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The bytes {@code [offset, offset + length)} of a file, opened anew each time the client reads them (to sign
     * the part, to send it, to retry it); the last stream opened is closed with the slice.
     */
    private static final class FileSlice implements ContentStreamProvider, AutoCloseable {
        private final Path file;
        private final long offset;
        private final long length;
        private InputStream current;

        FileSlice(Path file, long offset, long length) {
            this.file = file;
            this.offset = offset;
            this.length = length;
        }

        @Override
        public InputStream newStream() {
            try {
                close();
                FileChannel channel = FileChannel.open(file, StandardOpenOption.READ).position(offset);
                current = new BoundedInputStream(Channels.newInputStream(channel), length);
                return current;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }

    private void abort(String uploadId) {
        try {
            client.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            log.warn("could not abort the upload of {} to bucket {} (its parts stay until the bucket's lifecycle"
                    + " removes them): {}", key, bucket, e.toString());
        }
    }
}
