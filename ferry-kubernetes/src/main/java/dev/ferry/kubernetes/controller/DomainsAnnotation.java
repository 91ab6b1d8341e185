package dev.ferry.kubernetes.controller;

import dev.ferry.core.route.HostName;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@value #KEY} annotation of a Service: a comma-separated list of host names ({@code a.example.com,
 * www.example.com}, spaces allowed around commas), each a route domain as {@link HostName} defines it (a leading
 * {@code *.} wildcard included). The whole value is refused when one name is bad, so a typo never routes half a list.
 */
public final class DomainsAnnotation {

    /** The annotation's key. */
    public static final String KEY = "ferry.dev/domains";
    /** Most host names one Service may list. */
    public static final int MAX_HOSTS = 100;

    private DomainsAnnotation() {
    }

    /**
     * The normalised host names of {@code value}, in order, without duplicates.
     *
     * @throws InvalidDomainsAnnotation with a sentence naming the bad part
     */
    public static Set<String> parse(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidDomainsAnnotation(KEY + " lists no host name");
        }
        Set<String> hosts = new LinkedHashSet<>();
        for (String part : value.split(",", -1)) {
            if (part.isBlank()) {
                throw new InvalidDomainsAnnotation(KEY + " '" + value + "' has an empty entry");
            }
            try {
                hosts.add(HostName.normalizeDomain(part.trim()));
            } catch (IllegalArgumentException e) {
                throw new InvalidDomainsAnnotation(KEY + " is refused: " + e.getMessage());
            }
        }
        if (hosts.size() > MAX_HOSTS) {
            throw new InvalidDomainsAnnotation(KEY + " lists " + hosts.size() + " host names, more than " + MAX_HOSTS);
        }
        return Collections.unmodifiableSet(hosts);
    }

    /**
     * As {@link #parse(String)}, each name also within {@code allowedDomains} (a domain itself or a name under it);
     * an empty list allows any name.
     *
     * @throws InvalidDomainsAnnotation with a sentence naming the first name outside them
     */
    public static Set<String> parse(String value, List<String> allowedDomains) {
        Set<String> hosts = parse(value);
        if (!allowedDomains.isEmpty()) {
            for (String host : hosts) {
                if (allowedDomains.stream().noneMatch(d -> host.equals(d) || host.endsWith("." + d))) {
                    throw new InvalidDomainsAnnotation(KEY + " is refused: '" + host
                            + "' is outside the domains this controller may route (" + String.join(", ", allowedDomains) + ")");
                }
            }
        }
        return hosts;
    }
}
