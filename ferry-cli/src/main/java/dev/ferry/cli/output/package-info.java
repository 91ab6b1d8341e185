/**
 * Text output of the CLI: {@link dev.ferry.cli.output.TextTable}, aligned and coloured only on a terminal;
 * {@link dev.ferry.cli.output.TerminalWriter} and {@link dev.ferry.cli.output.TerminalText}, which escape
 * control characters; {@link dev.ferry.cli.output.Times} for times people read.
 */
package dev.ferry.cli.output;
