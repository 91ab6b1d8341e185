/**
 * The caller's SSH keys for git over SSH, and where that listens: {@link dev.ferry.control.keys.KeysApi}.
 */
package dev.ferry.control.keys;
