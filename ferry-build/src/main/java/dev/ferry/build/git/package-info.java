/**
 * Git over HTTP: {@link dev.ferry.build.git.GitHttpEndpoint} (JGit's GitServlet behind token auth) over the
 * bare repositories of {@link dev.ferry.build.git.AppRepositories}; {@link dev.ferry.build.git.DeployHook}
 * builds pushes to {@code main}/{@code master} and makes their releases.
 */
package dev.ferry.build.git;
