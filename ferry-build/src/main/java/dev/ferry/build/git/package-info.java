/**
 * Git over HTTP: {@link dev.ferry.build.git.GitHttpEndpoint} (JGit's GitServlet behind token auth) over the
 * bare repositories of {@link dev.ferry.build.git.AppRepositories}; {@link dev.ferry.build.git.DeployHook}
 * queues builds of pushes to {@code main}/{@code master} and makes their releases;
 * {@link dev.ferry.build.git.RepositoryBuildRunner} builds a commit of an app's repository.
 */
package dev.ferry.build.git;
