/**
 * Help that teaches: the {@link dev.ferry.cli.help.CommandCatalog} of commands by topic, the grouped
 * {@code ferry --help}, {@code ferry help TOPIC}, {@code ferry version} and "did you mean" suggestions.
 */
package dev.ferry.cli.help;
