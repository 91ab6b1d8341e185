/**
 * The runtime's wiring in the single-node platform: {@link dev.ferry.server.runtime.RuntimeWiring} starts the
 * local runtime with the host names an app answers at ({@link dev.ferry.core.store.AppHostNames}) and an
 * {@link dev.ferry.core.log.AppLogs}.
 */
package dev.ferry.server.runtime;
