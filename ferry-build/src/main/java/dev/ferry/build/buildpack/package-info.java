/**
 * Buildpacks and their detection: {@link dev.ferry.build.buildpack.Buildpacks} picks a
 * {@link dev.ferry.build.buildpack.Buildpack} (Procfile, static site, Node.js, Maven, Gradle, Python, Go, in
 * that order) and runs it with a {@link dev.ferry.build.buildpack.BuildContext};
 * {@link dev.ferry.build.buildpack.Procfile} parses process types.
 */
package dev.ferry.build.buildpack;
