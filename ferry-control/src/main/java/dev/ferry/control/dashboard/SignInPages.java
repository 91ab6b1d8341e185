package dev.ferry.control.dashboard;

import dev.ferry.control.auth.TokenVerifier;
import dev.ferry.core.access.AuthFailureLimiter;
import dev.ferry.core.access.SessionRegistry;
import dev.ferry.core.store.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Signing in to the dashboard: {@code GET /sign-in} (a form for an API token) and {@code POST /sign-in}, guarded
 * against cross-site sign-in by a double-submitted random value (a SameSite=Strict cookie and a hidden field); a
 * wrong token counts against the client's address in the platform's {@link AuthFailureLimiter}, like a wrong bearer
 * token. A one-time {@code /sign-in/link?code=…} ({@link DashboardLinksApi}, {@code ferry dashboard}) shows
 * whose sign-in it is and a button that uses it up
 * ({@code POST /sign-in/link}, with the same double-submitted nonce), so that link previews cannot spend it and
 * another site cannot sign a browser in to its own account.
 */
final class SignInPages {

    private static final String FORM_COOKIE = "ferry_sign_in";
    private static final String WHAT = "dashboard sign-in";

    private final DashboardSessions sessions;
    private final TokenVerifier tokens;
    private final AuthFailureLimiter failures;

    SignInPages(DashboardSessions sessions, TokenVerifier tokens, AuthFailureLimiter failures) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.failures = Objects.requireNonNull(failures, "failures");
    }

    void register(RoutesConfig r) {
        r.get("/sign-in", ctx -> form(ctx, 200, ""));
        r.post("/sign-in", this::signIn);
        r.get("/sign-in/link", this::confirmLink);
        r.post("/sign-in/link", this::useLink);
    }

    /** A fresh nonce, in a SameSite=Strict cookie for {@code /sign-in…} and returned for the form's hidden field. */
    private static String nonce(Context ctx) {
        String nonce = DashboardSessions.random();
        Cookie c = new Cookie(FORM_COOKIE, nonce);
        c.setPath("/sign-in");
        c.setHttpOnly(true);
        c.setSecure(secure(ctx));
        c.setSameSite(SameSite.STRICT);
        ctx.cookie(c);
        return nonce;
    }

    /** Whether the posted form carries the nonce of its own cookie (it came from this site's form). */
    private static boolean nonceMatches(Context ctx) {
        String nonce = ctx.formParam("nonce");
        String expected = ctx.cookie(FORM_COOKIE);
        return nonce != null && expected != null && DashboardSessions.sameSecret(nonce, expected);
    }

    private void form(Context ctx, int status, String error) {
        String nonce = nonce(ctx);
        Html h = new Html().raw("<h1>Sign in</h1>");
        if (!error.isEmpty()) {
            h.raw("<p class=\"error\" role=\"alert\">").text(error).raw("</p>");
        }
        h.raw("<form method=\"post\" action=\"/sign-in\" class=\"sign-in\">")
                .raw("<input type=\"hidden\" name=\"nonce\" value=\"").text(nonce).raw("\">")
                .raw("<label for=\"token\">API token</label>")
                .raw("<input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"off\" required autofocus>")
                .raw("<p class=\"hint\">The token in <code>~/.ferry/admin-token</code>, one from <code>ferry tokens:create</code>, "
                        + "or run <code>ferry dashboard</code> for a one-time link.</p>")
                .raw("<button type=\"submit\">Sign in</button></form>");
        ctx.status(status).html(Layout.publicPage("Sign in", h.toString()));
    }

    private void signIn(Context ctx) {
        if (!nonceMatches(ctx)) {
            form(ctx, 403, "The sign-in form expired or came from another site; please sign in again.");
            return;
        }
        String client = ctx.req().getRemoteAddr();
        Optional<Duration> refused = failures.refusal(client);
        if (refused.isPresent()) {
            ctx.header("Retry-After", String.valueOf(Math.max(1, refused.get().toSeconds())));
            form(ctx, 429, "Too many failed sign-ins from this address; try again in " + Html.span(refused.get()) + ".");
            return;
        }
        String token = Optional.ofNullable(ctx.formParam("token")).orElse("").strip();
        Optional<User> user = token.isEmpty() ? Optional.empty() : tokens.authenticate(token);
        if (user.isEmpty()) {
            failures.failed(client, WHAT);
            form(ctx, 401, "That API token is not valid (unknown or revoked).");
            return;
        }
        ctx.removeCookie(FORM_COOKIE, "/sign-in");
        start(ctx, sessions.open(user.get(), sameToken(token, user.get())));
    }

    private void confirmLink(Context ctx) {
        String code = Optional.ofNullable(ctx.queryParam("code")).orElse("");
        Html h = new Html().raw("<h1>Sign in</h1>");
        if (!sessions.linkPending(code)) {
            h.raw("<p class=\"error\" role=\"alert\">This sign-in link was already used or has expired. "
                    + "Run <code>ferry dashboard</code> again, or <a href=\"/sign-in\">sign in with a token</a>.</p>");
            ctx.status(404).html(Layout.publicPage("Sign in", h.toString()));
            return;
        }
        h.raw("<form method=\"post\" action=\"/sign-in/link\">")
                .raw("<input type=\"hidden\" name=\"nonce\" value=\"").text(nonce(ctx)).raw("\">")
                .raw("<input type=\"hidden\" name=\"code\" value=\"").text(code).raw("\">")
                .raw("<p>Continue to sign in with the link <code>ferry dashboard</code> printed.</p>")
                .raw("<button type=\"submit\" autofocus>Continue</button></form>");
        ctx.html(Layout.publicPage("Sign in", h.toString()));
    }

    private void useLink(Context ctx) {
        if (!nonceMatches(ctx)) {
            ctx.status(403).html(Layout.publicPage("Sign in", new Html().raw("<h1>Sign in</h1><p class=\"error\" "
                    + "role=\"alert\">This sign-in came from another site or an expired page; open the link again.</p>")
                    .toString()));
            return;
        }
        ctx.removeCookie(FORM_COOKIE, "/sign-in");
        Optional<DashboardSessions.Session> session = sessions.redeem(ctx.formParam("code"));
        if (session.isEmpty()) {
            ctx.redirect("/sign-in/link", HttpStatus.SEE_OTHER);
            return;
        }
        start(ctx, session.get());
    }

    private void start(Context ctx, DashboardSessions.Session session) {
        ctx.cookie(DashboardSessions.cookieOf(session, secure(ctx)));
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    private SessionRegistry.Recheck sameToken(String token, User user) {
        return () -> tokens.authenticate(token).map(User::id).filter(user.id()::equals).isPresent();
    }

    private static boolean secure(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme());
    }
}
