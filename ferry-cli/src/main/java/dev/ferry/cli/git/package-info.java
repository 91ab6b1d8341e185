/**
 * Git set-up for deploying with {@code git push ferry main}: {@link dev.ferry.cli.git.GitRemoteCommand}
 * ({@code git:remote}) and the credential helper it installs, {@link dev.ferry.cli.git.GitCredentialCommand}.
 */
package dev.ferry.cli.git;
