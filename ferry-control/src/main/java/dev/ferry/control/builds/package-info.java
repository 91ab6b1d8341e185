/**
 * The builds part of the control API: {@link dev.ferry.control.builds.BuildsApi} lists an app's builds and serves
 * each one's kept output.
 */
package dev.ferry.control.builds;
