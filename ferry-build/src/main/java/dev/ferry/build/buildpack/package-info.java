/**
 * Buildpacks and their detection: {@link dev.ferry.build.buildpack.Buildpacks} picks a
 * {@link dev.ferry.build.buildpack.Buildpack} ({@link dev.ferry.build.buildpack.ProcfileBuildpack},
 * {@link dev.ferry.build.buildpack.StaticSiteBuildpack}, {@link dev.ferry.build.buildpack.NodeBuildpack});
 * {@link dev.ferry.build.buildpack.Procfile} parses process types.
 */
package dev.ferry.build.buildpack;
