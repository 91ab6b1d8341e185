package dev.ferry.control.dashboard;

import dev.ferry.control.auth.BrowserSessions;
import dev.ferry.core.access.SessionRegistry;
import dev.ferry.core.store.User;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's sign-ins, kept in memory (they end with the process): a session per sign-in, named by a random
 * id in an HttpOnly, SameSite=Strict cookie, with its own random CSRF token that every change must carry (the
 * {@code X-CSRF-Token} header, or the {@code _csrf} field of a form). A session remembers what opened it (the API
 * token typed in, or the token that asked for a one-time link) and ends as soon as that no longer authenticates
 * the same user, after {@link DashboardConfig#sessionIdle} unused, or {@link DashboardConfig#sessionMax} after
 * sign-in. One-time links ({@code ferry dashboard}) work once, within {@link DashboardConfig#linkLifetime}.
 *
 * <p>As {@link BrowserSessions} it lets the session's user into the API too, so that the pages change things
 * through the API's own handlers. WebSocket upgrades are not let in by cookie.
 */
public final class DashboardSessions implements BrowserSessions {

    public static final String COOKIE = "ferry_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    static final String CSRF_FIELD = "_csrf";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One signed-in browser. */
    record Session(String id, User user, String csrf, SessionRegistry.Recheck recheck, Instant opened,
                   Instant lastUsed) {
        Session used(Instant now) {
            return new Session(id, user, csrf, recheck, opened, now);
        }
    }

    private record Link(User user, SessionRegistry.Recheck recheck, Instant expires) {
    }

    private final DashboardConfig config;
    private final Clock clock;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Link> links = new ConcurrentHashMap<>();

    public DashboardSessions(DashboardConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Opens a session for {@code user}, which lasts while {@code recheck} holds. */
    Session open(User user, SessionRegistry.Recheck recheck) {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> expired(s, now));
        while (sessions.size() >= config.maxSessions()) {
            sessions.values().stream().min(Comparator.comparing(Session::lastUsed))
                    .ifPresent(oldest -> sessions.remove(oldest.id()));
        }
        Session s = new Session(random(), user, random(), recheck, now, now);
        sessions.put(s.id(), s);
        return s;
    }

    /** The cookie that names {@code session}. */
    static Cookie cookieOf(Session session, boolean secure) {
        Cookie c = new Cookie(COOKIE, session.id());
        c.setPath("/");
        c.setHttpOnly(true);
        c.setSecure(secure);
        c.setSameSite(SameSite.STRICT);
        return c;
    }

    /** The live session of the request's cookie, without the CSRF check (for pages). */
    Optional<Session> current(Context ctx) {
        String id = ctx.cookie(COOKIE);
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        Instant now = clock.instant();
        if (s == null) {
            return Optional.empty();
        }
        if (expired(s, now) || !s.recheck().stillAllowed()) {
            sessions.remove(id);
            return Optional.empty();
        }
        Session used = s.used(now);
        sessions.replace(id, s, used);
        return Optional.of(used);
    }

    /** Throws {@link CsrfRefused} unless a change carries the session's CSRF token. */
    static void requireCsrf(Context ctx, Session session) {
        if (SAFE_METHODS.contains(ctx.method().name())) {
            return;
        }
        String sent = ctx.header(CSRF_HEADER);
        if (sent == null && String.valueOf(ctx.contentType()).startsWith("application/x-www-form-urlencoded")) {
            sent = ctx.formParam(CSRF_FIELD);
        }
        if (sent == null || !sameSecret(sent, session.csrf())) {
            throw new CsrfRefused();
        }
    }

    @Override
    public Optional<SignedIn> signedIn(Context ctx) {
        if ("websocket".equalsIgnoreCase(ctx.header("Upgrade"))) {
            return Optional.empty();
        }
        Optional<Session> s = current(ctx);
        s.ifPresent(session -> requireCsrf(ctx, session));
        return s.map(session -> new SignedIn(session.user(), session.recheck()));
    }

    /** Ends the session of the request's cookie, if any. */
    void close(Context ctx) {
        Optional.ofNullable(ctx.cookie(COOKIE)).ifPresent(sessions::remove);
    }

    /** A one-time sign-in code and when it stops working. */
    public record IssuedLink(String code, Instant expires) {
    }

    /** A one-time sign-in code for {@code user}, valid for {@link DashboardConfig#linkLifetime}. */
    public IssuedLink issueLink(User user, SessionRegistry.Recheck recheck) {
        Instant now = clock.instant();
        links.values().removeIf(l -> l.expires().isBefore(now));
        String code = random();
        Instant expires = now.plus(config.linkLifetime());
        links.put(code, new Link(user, recheck, expires));
        return new IssuedLink(code, expires);
    }

    /** The user of a one-time code, which is used up by this call; empty when unknown, used or expired. */
    Optional<Session> redeem(String code) {
        Link link = code == null ? null : links.remove(code);
        if (link == null || link.expires().isBefore(clock.instant()) || !link.recheck().stillAllowed()) {
            return Optional.empty();
        }
        return Optional.of(open(link.user(), link.recheck()));
    }

    /** Whether a one-time code is waiting to be used (not consumed by asking). */
    boolean linkPending(String code) {
        Link link = code == null ? null : links.get(code);
        return link != null && !link.expires().isBefore(clock.instant());
    }

    /** Compares two secrets in time that does not depend on where they differ. */
    static boolean sameSecret(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** A random value for an id, a CSRF token or a code. */
    static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private boolean expired(Session s, Instant now) {
        return !now.isBefore(s.lastUsed().plus(config.sessionIdle())) || !now.isBefore(s.opened().plus(config.sessionMax()));
    }
}
