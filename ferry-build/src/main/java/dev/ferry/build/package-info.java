/**
 * Turns a pushed commit into a slug: {@link dev.ferry.build.Builder} checks the commit out, runs the detected
 * buildpack and packs the result, configured by {@link dev.ferry.build.BuildConfig}.
 */
package dev.ferry.build;
