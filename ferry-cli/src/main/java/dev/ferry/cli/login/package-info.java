/** Logging the CLI in to a control API: {@link dev.ferry.cli.login.LoginCommand} ({@code login}). */
package dev.ferry.cli.login;
