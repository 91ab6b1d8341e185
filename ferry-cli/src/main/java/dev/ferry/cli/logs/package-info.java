/**
 * The log verbs: {@link dev.ferry.cli.logs.LogsCommand} ({@code ferry logs [-t]}) and the drain verbs
 * {@link dev.ferry.cli.logs.DrainsCommand}, {@link dev.ferry.cli.logs.DrainsAddCommand},
 * {@link dev.ferry.cli.logs.DrainsRemoveCommand}.
 */
package dev.ferry.cli.logs;
