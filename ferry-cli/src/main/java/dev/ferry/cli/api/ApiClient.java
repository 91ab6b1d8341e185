package dev.ferry.cli.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ferry.api.client.AccountCalls;
import dev.ferry.api.client.AddonCalls;
import dev.ferry.api.client.ApiJson;
import dev.ferry.api.client.AutoscaleCalls;
import dev.ferry.api.client.DashboardCalls;
import dev.ferry.api.client.ApiRefused;
import dev.ferry.api.client.ApiTimedOut;
import dev.ferry.api.client.ApiUnreachable;
import dev.ferry.api.client.AppCalls;
import dev.ferry.api.client.BuildCalls;
import dev.ferry.api.client.CertificateCalls;
import dev.ferry.api.client.CollaboratorCalls;
import dev.ferry.api.client.ConfigCalls;
import dev.ferry.api.client.ControlApiClient;
import dev.ferry.api.client.DomainCalls;
import dev.ferry.api.client.DrainCalls;
import dev.ferry.api.client.KeyCalls;
import dev.ferry.api.client.ProcessCalls;
import dev.ferry.api.client.ReleaseCalls;
import dev.ferry.api.client.RouteCalls;
import dev.ferry.api.client.UsageCalls;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The CLI's face of the shared control API client ({@link ControlApiClient}, module ferry-api-client, also used
 * by the separate gateway): the same calls, with every failure turned into a {@link CliFailure} of one sentence:
 * the API's own {@code error} for a refusal, a hint to log in for 401, a hint to start Ferry when the API cannot be
 * reached. Timeouts: connect 5 s, whole request 30 s (15 minutes for a call that waits for a deploy; a streamed
 * answer has no limit once its headers arrived). Typed calls are on {@link #apps()}.
 */
public final class ApiClient {

    /** How long an ordinary call may take. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** How long a call that waits for a deploy may take. */
    public static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(15);

    private final ControlApiClient client;

    ApiClient(String baseUrl, String token) {
        this.client = new ControlApiClient(baseUrl, token, REQUEST_TIMEOUT);
    }

    /** A client of the API resolved from {@code env} (see {@link ApiTarget}); fails when there is no token. */
    public static ApiClient connect(CliEnvironment env) {
        ApiTarget target;
        try {
            target = ApiTarget.resolve(env);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(e.getMessage() + " (check FERRY_API_URL)");
        }
        String token = target.token().orElseThrow(() -> new CliFailure(
                "no API token for " + target.url() + ": set FERRY_API_TOKEN or run ferry login"));
        return new ApiClient(target.url(), token);
    }

    /** A client of {@code url} with an explicit token (used by {@code login} to check a token). */
    public static ApiClient of(String url, String token) {
        return new ApiClient(ApiTarget.normalizeUrl(url), token);
    }

    public String baseUrl() {
        return client.baseUrl();
    }

    /** The typed calls about one app (maintenance, rename, …), failing as every other call does. */
    public AppCalls apps() {
        return new AppCalls(client);
    }

    /** The typed calls about an app's config vars. */
    public ConfigCalls config() {
        return new ConfigCalls(client);
    }

    /** The typed calls about an app's builds. */
    public BuildCalls builds() {
        return new BuildCalls(client);
    }

    /** The typed calls about users and API tokens. */
    public AccountCalls accounts() {
        return new AccountCalls(client);
    }

    /** The typed calls about routes made with the routes API. */
    public RouteCalls routes() {
        return new RouteCalls(client);
    }

    /** The typed calls about who may use an app. */
    public CollaboratorCalls collaborators() {
        return new CollaboratorCalls(client);
    }

    /** The typed calls about the caller's SSH keys. */
    public KeyCalls keys() {
        return new KeyCalls(client);
    }

    /** The typed calls about an app's log drains. */
    public DrainCalls drains() {
        return new DrainCalls(client);
    }

    /** The typed calls about an app's custom domains. */
    public DomainCalls domains() {
        return new DomainCalls(client);
    }

    /** The typed calls about an app's processes and formation. */
    public ProcessCalls processes() {
        return new ProcessCalls(client);
    }

    /** The typed calls about an app's autoscaling of web. */
    public AutoscaleCalls autoscale() {
        return new AutoscaleCalls(client);
    }

    /** The typed call of the dashboard's one-time sign-in links. */
    public DashboardCalls dashboard() {
        return new DashboardCalls(client);
    }

    /** The typed call of usage records. */
    public UsageCalls usage() {
        return new UsageCalls(client);
    }

    /** The typed calls about add-ons. */
    public AddonCalls addons() {
        return new AddonCalls(client);
    }

    /** The typed calls about an app's TLS certificates and HTTPS settings. */
    public CertificateCalls certificates() {
        return new CertificateCalls(client);
    }

    /** The typed calls about an app's releases. */
    public ReleaseCalls releases() {
        return new ReleaseCalls(client);
    }

    /** Runs a typed call of {@link #apps()} or {@link #releases()}, turning its failure into a {@link CliFailure}. */
    public <T> T typed(Supplier<T> call) {
        return guarded(call);
    }

    /** Runs a typed call that answers nothing (a removal), turning its failure into a {@link CliFailure}. */
    public void typedVoid(Runnable call) {
        guarded(() -> {
            call.run();
            return null;
        });
    }

    /** Every item of a paginated list, following {@code rel="next"} links. */
    public ArrayNode getAll(String path) {
        return guarded(() -> {
            ArrayNode all = JsonNodeFactory.instance.arrayNode();
            client.getAll(path).forEach(all::add);
            return all;
        });
    }

    private <T> T guarded(Supplier<T> call) {
        try {
            return call.get();
        } catch (ApiRefused e) {
            if (e.status() == 401) {
                throw new CliFailure("the API refused the token (401): set FERRY_API_TOKEN or run ferry login");
            }
            throw new CliFailure(e.getMessage());
        } catch (ApiTimedOut e) {
            throw new CliFailure("the Ferry API at " + baseUrl() + " did not answer within " + e.timeout().toSeconds() + " s");
        } catch (ApiUnreachable e) {
            throw new CliFailure("cannot reach the Ferry API at " + baseUrl() + " (" + e.reason() + ") — is `ferry up` running?");
        } catch (IllegalStateException e) {
            throw new CliFailure(e.getMessage());
        }
    }

    /** Compact JSON of a tree or a record, as the API writes it. */
    public static String write(Object value) {
        return ApiJson.write(value);
    }
}
