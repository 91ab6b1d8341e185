/**
 * Git over HTTP: {@link dev.ferry.build.git.GitHttpEndpoint} (JGit's GitServlet behind token auth) over the
 * bare repositories of {@link dev.ferry.build.git.AppRepositories}; {@link dev.ferry.build.git.DeployHook}
 * builds and deploys pushes to {@code main}/{@code master} before their refs move (a ref moves only for a
 * release that went live);
 * {@link dev.ferry.build.git.RepositoryBuildRunner} builds a commit of an app's repository.
 */
package dev.ferry.build.git;
