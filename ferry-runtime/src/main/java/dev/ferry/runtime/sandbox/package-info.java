/**
 * Instance isolation: {@link dev.ferry.runtime.sandbox.Sandbox} (bubblewrap, one uid per app),
 * {@link dev.ferry.runtime.sandbox.Cgroups} (v1 and v2 limits) and {@link dev.ferry.runtime.sandbox.SandboxMode}.
 */
package dev.ferry.runtime.sandbox;
