/** Text output of the CLI: {@link dev.ferry.cli.output.TextTable}, aligned and coloured only on a terminal. */
package dev.ferry.cli.output;
