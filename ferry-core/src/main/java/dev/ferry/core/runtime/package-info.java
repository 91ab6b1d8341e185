/**
 * The runtime port: {@link dev.ferry.core.runtime.AppRuntime} turns releases into running
 * {@link dev.ferry.core.runtime.Instance}s, deploys without dropping a request
 * ({@link dev.ferry.core.runtime.DeployResult}) and runs one-off processes
 * ({@link dev.ferry.core.runtime.OneOffProcess}).
 */
package dev.ferry.core.runtime;
