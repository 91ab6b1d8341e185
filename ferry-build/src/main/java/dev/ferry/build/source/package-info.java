/** Writes a pushed commit's files into a build's work directory: {@link dev.ferry.build.source.CommitCheckout}. */
package dev.ferry.build.source;
