/** The commands that share an app: {@code access}, {@code access:add}, {@code access:remove} ({@link dev.ferry.cli.access.AccessCommand} and its siblings). */
package dev.ferry.cli.access;
