/**
 * Git over SSH: {@link dev.ferry.build.ssh.SshGitServer} (Apache MINA SSHD, public keys only) serves
 * {@code ssh://git@host:port/<app>.git} with the same receive hooks as git over HTTP; users are found by the
 * fingerprint of their key ({@link dev.ferry.core.build.KeyAccess}).
 */
package dev.ferry.build.ssh;
