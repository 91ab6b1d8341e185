/**
 * The processes API over the runtime: {@link dev.ferry.control.ps.ProcessesApi} ({@code ps}, {@code ps:restart},
 * {@code ps:stop}) and {@link dev.ferry.control.ps.RunStream} ({@code run}, streamed as NDJSON frames).
 */
package dev.ferry.control.ps;
