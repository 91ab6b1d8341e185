package dev.ferry.router.http1;

import dev.ferry.router.error.RequestRefused;
import dev.ferry.router.handler.TrustedProxies;
import java.net.SocketAddress;
import java.util.List;

/**
 * The rules every client request head goes through after {@link RequestHeadParser} accepted its syntax, in
 * order; the first refusal is the one the client sees (its error page, then the connection closes), and a
 * refused head never reaches a backend. One instance per client connection, on its event loop.
 */
public final class RequestHeadRules {

    private final List<HeadRule> rules;

    /**
     * @param affinityCookieName the session-affinity cookie, read and kept from backends
     *                           ({@code RouterConfig.affinityCookieName}, {@code ferry_affinity} by default)
     */
    public RequestHeadRules(HeadLimits limits, TrustedProxies trusted, String viaName, String affinityCookieName,
                            SocketAddress remote, SocketAddress local) {
        this(limits, trusted, viaName, affinityCookieName, remote, local, false);
    }

    /** @param secure true for a connection of the HTTPS listener ({@code X-Forwarded-Proto: https}) */
    public RequestHeadRules(HeadLimits limits, TrustedProxies trusted, String viaName, String affinityCookieName,
                            SocketAddress remote, SocketAddress local, boolean secure) {
        this.rules = List.of(
                new MethodRule(),                                    // CONNECT, TRACE -> 405
                new TargetFormRule(),                                // origin, absolute http(s), OPTIONS * -> else 400
                new FramingRule(),                                   // CL/TE smuggling shapes -> 400; body framing, 100-continue
                new HeaderLimitRule(limits),                         // field count, line length -> 431
                new HostRule(),                                      // one valid Host; absolute form -> origin form
                new HopByHopRule(),                                  // Connection and the fields it names; keep-alive, upgrade
                new AffinityCookieRule(affinityCookieName),          // read the affinity cookie, keep it from the app
                new RequestIdRule(),                                 // keep a safe X-Request-Id or make one
                new ForwardedRule(trusted, viaName, remote, local, secure)); // X-Forwarded-*, Forwarded, X-Real-IP, Via...
    }

    /** Applies the rules in order to a head the parser completed; answers the first refusal, or null. */
    public RequestRefused apply(RequestHead head) {
        for (int i = 0; i < rules.size(); i++) { // indexed: an iterator per request is garbage
            RequestRefused refused = rules.get(i).apply(head);
            if (refused != null) {
                return refused;
            }
        }
        return null;
    }
}
