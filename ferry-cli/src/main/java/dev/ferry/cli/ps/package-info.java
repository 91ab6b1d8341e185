/** The process commands: {@link dev.ferry.cli.ps.PsScaleCommand} ({@code ps:scale}). */
package dev.ferry.cli.ps;
