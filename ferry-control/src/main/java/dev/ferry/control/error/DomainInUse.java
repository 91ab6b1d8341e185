package dev.ferry.control.error;

/**
 * 409 {@code domain_in_use}: the host name is held by something other than an app's custom domain of this
 * caller: a route made with the routes API, or another tenant's wildcard domain that covers it. An admin may
 * force it ({@code domains:add --force}).
 */
public final class DomainInUse extends ApiException {

    public DomainInUse(String message) {
        super(409, "domain_in_use", message);
    }
}
