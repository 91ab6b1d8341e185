package dev.ferry.core.build;

import java.nio.file.Path;

/**
 * Where a runtime finds the slug a release runs: a gzipped tar of the built app, content-addressed by its id.
 * The embedded implementation is the slug store in the data directory.
 */
@FunctionalInterface
public interface SlugSource {

    /**
     * The slug's archive on this machine.
     *
     * @throws java.util.NoSuchElementException when no slug has this id
     */
    Path slugFile(String slugId);
}
