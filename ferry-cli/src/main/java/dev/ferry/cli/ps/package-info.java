/**
 * The process commands: {@link dev.ferry.cli.ps.PsCommand} ({@code ps}), {@link dev.ferry.cli.ps.PsScaleCommand}
 * ({@code ps:scale}), {@link dev.ferry.cli.ps.PsRestartCommand} ({@code ps:restart}),
 * {@link dev.ferry.cli.ps.PsStopCommand} ({@code ps:stop}) and {@link dev.ferry.cli.ps.RunCommand} ({@code run}).
 */
package dev.ferry.cli.ps;
