/**
 * The ports between git receive and builds and the rest of the platform: {@link dev.ferry.core.build.PushAccess}
 * (who may push to or fetch from an app's repository), {@link dev.ferry.core.build.KeyAccess} (the same over
 * SSH, by key) and {@link dev.ferry.core.build.ReleaseSink} (where a finished build becomes a release),
 * {@link dev.ferry.core.build.BuildOutputs} (the kept output of each build),
 * {@link dev.ferry.core.build.BuildSandbox} (where a build's commands run, one {@link dev.ferry.core.build.BuildJail} per build), speaking in {@link dev.ferry.core.build.BuildRequest} and
 * {@link dev.ferry.core.build.BuildOutcome}; {@link dev.ferry.core.build.SlugSource} (a release's slug on this machine)
 * and {@link dev.ferry.core.build.SlugArchive} (the slugs every control node shares).
 */
package dev.ferry.core.build;
