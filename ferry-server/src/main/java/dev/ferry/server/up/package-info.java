/** The {@code ferry up} command: {@link dev.ferry.server.up.UpCommand} starts a {@link dev.ferry.server.Platform} in the foreground. */
package dev.ferry.server.up;
