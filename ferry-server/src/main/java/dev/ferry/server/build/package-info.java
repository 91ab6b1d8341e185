/**
 * The build ports implemented over the store's ports: {@link dev.ferry.server.build.StorePushAccess} and
 * {@link dev.ferry.server.build.StoreReleaseSink}, wired into git over HTTP by {@link dev.ferry.server.Platform}.
 */
package dev.ferry.server.build;
