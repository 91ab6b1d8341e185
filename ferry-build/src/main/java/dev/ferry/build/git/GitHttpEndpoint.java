package dev.ferry.build.git;

import dev.ferry.build.queue.BuildQueue;
import dev.ferry.core.build.FailureReasons;
import dev.ferry.core.access.AuthFailureLimiter;
import dev.ferry.core.access.SessionGrant;
import dev.ferry.core.access.SessionRegistry;
import dev.ferry.core.build.PushAccess;
import dev.ferry.core.store.StoreUnavailable;
import dev.ferry.core.work.AppLocks;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Git over HTTP at {@code /git/<app>.git}, mounted in the control API's Jetty at {@code /git/*}. Every request
 * is authenticated first: HTTP Basic with the API token as the password (any user name); no credentials is
 * 401 with a Basic challenge (git then asks its credential helper), a bad token 401, an unknown app 404,
 * an app of someone else 403, each with a {@code text/plain} sentence that git shows as {@code remote:}.
 * Then JGit's {@link GitServlet} serves fetch, clone and push; its receive-pack response sends what is
 * flushed at once, so each line of the build's output reaches the pusher as it is written.
 *
 * <p>A wrong token counts against the client's address in the {@link AuthFailureLimiter}; an address over its
 * limit is answered 429 with {@code Retry-After} whatever its token. Each authorised request is registered in the
 * {@link SessionRegistry} while it runs: when the token is revoked, the user's access removed or the app
 * destroyed, a push still waiting for its build is refused before its refs move ({@link PushRevocation}).
 *
 * <p>With several control nodes, every request first brings this node's copy of the repository up to the shared
 * one ({@link AppRepositories#ensure}), and a push ({@code POST …/git-receive-pack}) holds the app's repository
 * lock across nodes from before that until its result is shared ({@link AppRepositories#lockForPush}).
 */
public final class GitHttpEndpoint extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(GitHttpEndpoint.class);
    /** The request attribute holding the {@link PushAccess.Allowed} of an authenticated request. */
    static final String ACCESS_ATTRIBUTE = GitHttpEndpoint.class.getName() + ".access";
    private static final String REVOCATION_ATTRIBUTE = GitHttpEndpoint.class.getName() + ".revocation";
    private static final String WHAT = "git password";
    private static final AppLocks.Held NOT_A_PUSH = () -> { };

    private final transient PushAccess access;
    private final transient AppRepositories repos;
    private final transient ReceivePacks receivePacks;
    private final transient GitServlet git = new GitServlet();
    private final transient SessionRegistry sessions;
    private final transient AuthFailureLimiter failures;

    /**
     * @param access   who may use which app's repository
     * @param repos    the apps' bare repositories
     * @param queue    builds pushes to {@code main} and {@code master} and turns them into releases
     */
    public GitHttpEndpoint(PushAccess access, AppRepositories repos, BuildQueue queue) {
        this(access, repos, queue, SessionRegistry.NONE, AuthFailureLimiter.unlimited());
    }

    /**
     * @param sessions where each request registers while it runs, so that revoking its access ends it
     * @param failures counts wrong passwords per client address and refuses an address over its limit (429)
     */
    public GitHttpEndpoint(PushAccess access, AppRepositories repos, BuildQueue queue, SessionRegistry sessions,
                           AuthFailureLimiter failures) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.failures = Objects.requireNonNull(failures, "failures");
        this.access = Objects.requireNonNull(access, "access");
        this.repos = Objects.requireNonNull(repos, "repos");
        this.receivePacks = new ReceivePacks(queue, repos);
        git.setRepositoryResolver((req, name) -> {
            PushAccess.Allowed allowed = (PushAccess.Allowed) req.getAttribute(ACCESS_ATTRIBUTE);
            if (allowed == null || !name.equals(allowed.app().value() + ".git")) {
                throw new RepositoryNotFoundException(name);
            }
            try {
                return repos.open(allowed.app());
            } catch (IOException e) {
                throw new RepositoryNotFoundException(name, e);
            }
        });
        git.setReceivePackFactory((req, repo) -> receivePacks.create(repo, (PushAccess.Allowed) req.getAttribute(ACCESS_ATTRIBUTE),
                (PushRevocation) req.getAttribute(REVOCATION_ATTRIBUTE)));
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        git.init(config);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        try {
            serveGit(req, resp);
        } catch (IOException | RuntimeException e) {
            if (resp.isCommitted()) {
                throw e;
            }
            // never the container's error page, which would show the exception and the server's paths
            log.warn("git over HTTP ({} {}) failed", req.getMethod(), req.getRequestURI(), e);
            resp.reset();
            refuse(resp, e instanceof StoreUnavailable ? 503 : 500, FailureReasons.of(e));
        }
    }

    private void serveGit(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        int end = path.indexOf('/', 1);
        String repoName = end < 0 ? path.substring(Math.min(1, path.length())) : path.substring(1, end);
        if (!repoName.endsWith(".git") || repoName.length() <= 4) {
            refuse(resp, 404, "Not a Ferry git repository: use /git/<app>.git");
            return;
        }
        String app = repoName.substring(0, repoName.length() - 4);
        String token = BasicCredentials.password(req.getHeader("Authorization")).orElse(null);
        if (token == null) {
            resp.setHeader("WWW-Authenticate", "Basic realm=\"Ferry\"");
            refuse(resp, 401, "Authentication required: use your Ferry API token as the password.");
            return;
        }
        String client = req.getRemoteAddr();
        Optional<Duration> refused = failures.refusal(client);
        if (refused.isPresent()) {
            long seconds = Math.max(1, (refused.get().toMillis() + 999) / 1000);
            resp.setHeader("Retry-After", Long.toString(seconds));
            refuse(resp, 429, "Too many failed authentications from your address; try again in " + seconds + " s.");
            return;
        }
        switch (access.decide(token, app)) {
            case PushAccess.Denied denied -> {
                if (denied.reason() == PushAccess.Reason.UNAUTHENTICATED) {
                    failures.failed(client, WHAT);
                }
                int status = switch (denied.reason()) {
                    case UNAUTHENTICATED -> 401;
                    case UNKNOWN_APP -> 404;
                    case FORBIDDEN -> 403;
                };
                if (status == 401) {
                    resp.setHeader("WWW-Authenticate", "Basic realm=\"Ferry\"");
                }
                refuse(resp, status, denied.message());
            }
            case PushAccess.Allowed allowed -> {
                try (AppLocks.Held push = isPush(req) ? repos.lockForPush(allowed.app()) : NOT_A_PUSH) {
                    serveAllowed(req, resp, token, allowed);
                }
            }
        }
    }

    /** The request that receives a push's objects and moves its refs (the advertisement before it is a GET). */
    private static boolean isPush(HttpServletRequest req) {
        return "POST".equals(req.getMethod()) && req.getPathInfo().endsWith("/git-receive-pack");
    }

    private void serveAllowed(HttpServletRequest req, HttpServletResponse resp, String token, PushAccess.Allowed allowed)
            throws ServletException, IOException {
        String app = allowed.app().value();
        String client = req.getRemoteAddr();
        repos.ensure(allowed.app());
        req.setAttribute(ACCESS_ATTRIBUTE, allowed);
        PushRevocation revocation = new PushRevocation().servedBy(Thread.currentThread());
        req.setAttribute(REVOCATION_ATTRIBUTE, revocation);
        SessionGrant grant = new SessionGrant(allowed.user(), allowed.app(), "git over HTTP", client);
        try (var session = sessions.open(grant,
                () -> access.decide(token, app) instanceof PushAccess.Allowed a && a.user().equals(allowed.user()),
                revocation::revoke)) {
            git.service(req, resp);
        } finally {
            revocation.done();
        }
    }

    @Override
    public void destroy() {
        git.destroy();
        super.destroy();
    }

    private static void refuse(HttpServletResponse resp, int status, String message) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/plain; charset=utf-8");
        resp.getOutputStream().write((message + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
