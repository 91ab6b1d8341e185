package dev.ferry.router.tls;

import dev.ferry.core.store.HttpsSettings;
import java.util.Map;

/**
 * Each host's HTTPS settings as the router applies them: a plain HTTP request to a host with
 * {@link HttpsSettings#forceHttps()} is answered 308 to the same URL over HTTPS (except ACME's
 * {@code /.well-known/acme-challenge/}), and a response over HTTPS from a host with HSTS carries
 * {@code Strict-Transport-Security}; a request for {@code /.well-known/acme-challenge/<token>} of a challenge being
 * answered gets its key authorization, on any host and before routing. Immutable maps swapped whole; lookups never
 * lock. Empty (nothing redirected, no HSTS, no challenge) until the HTTPS listener fills them.
 */
public final class HttpsPolicies {

    /** The path prefix of an ACME HTTP-01 challenge request. */
    public static final String ACME_CHALLENGE = "/.well-known/acme-challenge/";

    private volatile Map<String, HttpsSettings> byHost = Map.of();
    private volatile Map<String, String> challenges = Map.of();
    private volatile int httpsPort = -1;

    /** Replaces the settings, keyed by lower-case host name. */
    public void refresh(Map<String, HttpsSettings> settingsByHost) {
        byHost = Map.copyOf(settingsByHost);
    }

    /** Replaces the ACME challenges answered, token to key authorization. */
    public void challenges(Map<String, String> answers) {
        challenges = Map.copyOf(answers);
    }

    /**
     * The key authorization to answer for {@code target} when it is {@code /.well-known/acme-challenge/<token>} of a
     * challenge being answered, else null: a prefix test on every request, a map lookup only on that path.
     */
    public String challengeAnswer(String target) {
        if (!target.startsWith(ACME_CHALLENGE)) {
            return null;
        }
        Map<String, String> answers = challenges;
        return answers.isEmpty() ? null : answers.get(target.substring(ACME_CHALLENGE.length()));
    }

    /** Sets the port that redirects name, once the HTTPS listener is bound. */
    public void httpsPort(int port) {
        httpsPort = port;
    }

    /** True when plain HTTP requests to {@code host} are redirected: one map lookup, nothing allocated. */
    public boolean forcesHttps(String host) {
        HttpsSettings s = byHost.get(host);
        return s != null && s.forceHttps() && httpsPort >= 0;
    }

    /**
     * The {@code Location} of the redirect for a plain HTTP request, or null when it is not redirected.
     *
     * @param host   the routed host, lower case, without port
     * @param target the request's origin-form target ({@code /path?query})
     */
    public String redirectLocation(String host, String target) {
        HttpsSettings s = byHost.get(host);
        if (s == null || !s.forceHttps() || httpsPort < 0 || target.startsWith(ACME_CHALLENGE)) {
            return null;
        }
        String port = httpsPort == 443 ? "" : ":" + httpsPort;
        return "https://" + host + port + (target.startsWith("/") ? target : "/");
    }

    /** The {@code Strict-Transport-Security} value for a response from {@code host} over HTTPS, or null. */
    public String hsts(String host) {
        HttpsSettings s = host == null ? null : byHost.get(host);
        return s == null ? null : s.hstsHeader();
    }
}
