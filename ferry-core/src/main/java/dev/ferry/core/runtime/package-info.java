/**
 * The runtime port: {@link dev.ferry.core.runtime.AppRuntime} converges an app to a
 * {@link dev.ferry.core.runtime.DesiredState} (release + formation) without dropping a request
 * ({@link dev.ferry.core.runtime.DeployResult}), reports its {@link dev.ferry.core.runtime.ActualState} (the running
 * {@link dev.ferry.core.runtime.Instance}s) and runs one-off processes ({@link dev.ferry.core.runtime.OneOffProcess}).
 */
package dev.ferry.core.runtime;
