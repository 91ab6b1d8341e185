/** The single-node configuration: {@link dev.ferry.server.config.FerryConfig}, resolved by {@link dev.ferry.server.config.FerryConfigResolver}. */
package dev.ferry.server.config;
