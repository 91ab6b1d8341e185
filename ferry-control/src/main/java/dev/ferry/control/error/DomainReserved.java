package dev.ferry.control.error;

/** 409 {@code domain_reserved}: a custom domain under the apps' own domain, whose names are the apps' defaults. */
public final class DomainReserved extends ApiException {

    public DomainReserved(String hostname, String appsDomain) {
        super(409, "domain_reserved", "The domain " + hostname + " is reserved: names under " + appsDomain
                + " are the apps' own (<app>." + appsDomain + ").");
    }
}
