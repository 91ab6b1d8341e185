/**
 * Child process helpers of the local runtime: {@link dev.ferry.runtime.process.ProcessTree} (SIGTERM then
 * SIGKILL), {@link dev.ferry.runtime.process.ProcStat}, {@link dev.ferry.runtime.process.TcpConnections} (drain
 * detection), {@link dev.ferry.runtime.process.LinePump} and {@link dev.ferry.runtime.process.ChildCommand}.
 */
package dev.ferry.runtime.process;
