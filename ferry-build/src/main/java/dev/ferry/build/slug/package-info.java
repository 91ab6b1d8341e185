/**
 * Content-addressed slugs: {@link dev.ferry.build.slug.SlugStore} packs a directory with
 * {@link dev.ferry.build.slug.TarGzWriter} into {@code <sha256>.tar.gz}.
 */
package dev.ferry.build.slug;
