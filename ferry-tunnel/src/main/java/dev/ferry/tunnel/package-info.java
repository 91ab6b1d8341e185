/** Edge tunnels: the gateway and the agent. */
package dev.ferry.tunnel;
