/**
 * The role commands that run servers in the foreground: {@link dev.ferry.server.up.UpCommand} ({@code ferry up},
 * every role), {@link dev.ferry.server.up.RouterCommand} ({@code ferry router}) and
 * {@link dev.ferry.server.up.ControlCommand} ({@code ferry control}), with their flags as picocli mixins.
 */
package dev.ferry.server.up;
