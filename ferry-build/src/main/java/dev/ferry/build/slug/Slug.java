package dev.ferry.build.slug;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A stored slug.
 *
 * @param id        the SHA-256 of the archive, 64 lowercase hex digits; also its file name
 * @param file      the archive, {@code <slugs dir>/<id>.tar.gz}
 * @param sizeBytes the archive's size
 */
public record Slug(String id, Path file, long sizeBytes) {

    public Slug {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(file, "file");
    }
}
