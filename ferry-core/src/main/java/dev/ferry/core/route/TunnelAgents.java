package dev.ferry.core.route;

import java.util.List;

/**
 * The port through which the admins' tunnels page reads the agents connected to this process's tunnel gateway.
 * Gateways that run as processes of their own ({@code ferry gateway}) keep their agents' state to themselves: they
 * are not listed here, only their endpoints in the route table. {@link #NONE} when no gateway runs here.
 */
public interface TunnelAgents {

    /** No gateway runs in this process. */
    TunnelAgents NONE = List::of;

    /** The agents connected now, in no particular order. */
    List<TunnelAgent> connected();
}
