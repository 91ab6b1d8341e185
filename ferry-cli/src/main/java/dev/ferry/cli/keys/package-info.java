/**
 * Your SSH keys for git over SSH: {@link dev.ferry.cli.keys.KeysCommand}, {@link dev.ferry.cli.keys.KeysAddCommand}
 * and {@link dev.ferry.cli.keys.KeysRemoveCommand}.
 */
package dev.ferry.cli.keys;
