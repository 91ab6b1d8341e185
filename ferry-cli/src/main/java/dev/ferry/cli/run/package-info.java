/**
 * The client side of {@code ferry run}: {@link dev.ferry.cli.run.RunSocketClient} carries a one-off process over the
 * control API's WebSocket, {@link dev.ferry.cli.run.LocalTerminal} puts this terminal in raw mode and back. Loaded
 * only by the {@code run} command, so that other commands start as fast as before.
 */
package dev.ferry.cli.run;
