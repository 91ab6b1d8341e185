/**
 * The build verbs: {@link dev.ferry.cli.builds.BuildsCommand} ({@code builds}) and
 * {@link dev.ferry.cli.builds.BuildsOutputCommand} ({@code builds:output ID}).
 */
package dev.ferry.cli.builds;
