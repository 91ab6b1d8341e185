/**
 * The slug download that runtimes running slugs elsewhere fetch releases from: {@link
 * dev.ferry.control.slugs.SlugDownloadServlet} at {@code /slugs/<app>/v<N>}, opened by a release-scoped
 * {@link dev.ferry.core.build.SlugTokens} token instead of a user's API token.
 */
package dev.ferry.control.slugs;
