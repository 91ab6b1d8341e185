package dev.ferry.control.slugs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.core.api.ApiError;
import dev.ferry.core.build.SlugSource;
import dev.ferry.core.build.SlugTokens;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Release;
import dev.ferry.core.store.ReleaseStore;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /slugs/<app>/v<N>}: the gzipped tar of release vN's slug, for a runtime's pod that unpacks it into
 * {@code /app} (the Kubernetes runtime's init container). Mounted next to the API at {@value #PATH_SPEC}, it takes
 * no user's token but {@code Authorization: Bearer <slug token>} made by {@link SlugTokens} for exactly this app and
 * release, and refuses it once expired: 401 {@code invalid_slug_token} for a missing, malformed, forged or expired
 * token, 403 {@code wrong_release} for a token of another app or release, 404 {@code not_found} for a release
 * without a slug, each with Ferry's JSON error. Nothing is changed by any request.
 */
public final class SlugDownloadServlet extends HttpServlet {

    /** Where the platform mounts it. */
    public static final String PATH_SPEC = "/slugs/*";

    private static final Pattern PATH = Pattern.compile("/([a-z0-9-]{1,64})/v([1-9][0-9]{0,8})");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BEARER = "bearer ";

    private final transient SlugTokens tokens;
    private final transient ReleaseStore releases;
    private final transient SlugSource slugs;
    private final transient Clock clock;

    public SlugDownloadServlet(SlugTokens tokens, ReleaseStore releases, SlugSource slugs, Clock clock) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.releases = Objects.requireNonNull(releases, "releases");
        this.slugs = Objects.requireNonNull(slugs, "slugs");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Matcher m = PATH.matcher(Optional.ofNullable(req.getPathInfo()).orElse(""));
        if (!m.matches() || !AppName.isValid(m.group(1))) {
            error(resp, 404, "not_found", "no slug here: the path is /slugs/<app>/v<version>");
            return;
        }
        AppName app = AppName.of(m.group(1));
        int version = Integer.parseInt(m.group(2));
        String header = req.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            resp.setHeader("WWW-Authenticate", "Bearer");
            error(resp, 401, "invalid_slug_token", "a slug download needs an 'Authorization: Bearer <slug token>' header");
            return;
        }
        SlugTokens.Verdict verdict = tokens.check(header.substring(BEARER.length()).strip(), app, version, clock.instant());
        switch (verdict) {
            case VALID -> send(resp, app, version);
            case OTHER_RELEASE -> error(resp, 403, "wrong_release", verdict.sentence() + ", not " + app + " v" + version);
            default -> {
                resp.setHeader("WWW-Authenticate", "Bearer");
                error(resp, 401, "invalid_slug_token", verdict.sentence());
            }
        }
    }

    private void send(HttpServletResponse resp, AppName app, int version) throws IOException {
        Optional<String> slugId = releases.release(app, version).flatMap(Release::slugId);
        if (slugId.isEmpty()) {
            error(resp, 404, "not_found", app + " has no release v" + version + " with a slug");
            return;
        }
        Path file;
        try {
            file = slugs.slugFile(slugId.get());
        } catch (NoSuchElementException e) {
            error(resp, 404, "not_found", "the slug of " + app + " v" + version + " is not on this control node");
            return;
        }
        resp.setStatus(200);
        resp.setContentType("application/gzip");
        resp.setContentLengthLong(Files.size(file));
        Files.copy(file, resp.getOutputStream());
    }

    private static void error(HttpServletResponse resp, int status, String code, String sentence) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.getOutputStream().write(JSON.writeValueAsBytes(new ApiError(sentence, code)));
    }
}
