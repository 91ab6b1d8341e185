/** What the app, user and token commands share: {@link dev.ferry.cli.support.ApiCommand}, the {@code -a} option {@link dev.ferry.cli.support.AppOption} and its {@link dev.ferry.cli.support.GitRemote} fallback. */
package dev.ferry.cli.support;
