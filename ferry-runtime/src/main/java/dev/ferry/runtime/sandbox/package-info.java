/**
 * Instance and build isolation: {@link dev.ferry.runtime.sandbox.Sandbox} (bubblewrap, one uid per app),
 * {@link dev.ferry.runtime.sandbox.Cgroups} (v1 and v2 memory, CPU and pids limits),
 * {@link dev.ferry.runtime.sandbox.SandboxedBuilds} (the core's build sandbox port over the same sandbox),
 * {@link dev.ferry.runtime.sandbox.SandboxMode}, and each sandboxed process's own network:
 * {@link dev.ferry.runtime.sandbox.InstanceNetwork} (pasta, decision 012) with its
 * {@link dev.ferry.runtime.sandbox.NetworkHelper} per process.
 */
package dev.ferry.runtime.sandbox;
