/** The release commands: {@link dev.ferry.cli.releases.ReleasesCommand} ({@code releases}) and {@link dev.ferry.cli.releases.RollbackCommand} ({@code rollback}). */
package dev.ferry.cli.releases;
