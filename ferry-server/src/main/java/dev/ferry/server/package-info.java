/** The composition root: {@link dev.ferry.server.Main} (the one {@code ferry} binary) and {@link dev.ferry.server.Platform}, which wires every role. */
package dev.ferry.server;
