/** The {@code ferry} command line: {@link dev.ferry.cli.FerryCli} builds and runs it, reading its surroundings through {@link dev.ferry.cli.CliEnvironment}. */
package dev.ferry.cli;
