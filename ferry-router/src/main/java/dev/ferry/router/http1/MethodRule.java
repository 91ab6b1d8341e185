package dev.ferry.router.http1;

import dev.ferry.router.error.ProxyError;
import dev.ferry.router.error.RequestRefused;

/** Refuses {@code CONNECT} and {@code TRACE} with 405 {@code method_not_allowed}: the router tunnels and echoes nothing. */
final class MethodRule implements HeadRule {

    @Override
    public RequestRefused apply(RequestHead head) {
        if (head.methodIs("CONNECT") || head.methodIs("TRACE")) {
            return new RequestRefused(ProxyError.METHOD_NOT_ALLOWED, head.method() + " is not served");
        }
        return null;
    }
}
