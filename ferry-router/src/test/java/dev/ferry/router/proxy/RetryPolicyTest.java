package dev.ferry.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.router.error.ProxyError;
import dev.ferry.router.h2.StreamRefusedException;
import dev.ferry.router.route.Pool;
import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Endpoint A = Endpoint.of("127.0.0.1", 1);
    private static final Endpoint B = Endpoint.of("127.0.0.1", 2);

    /** A pool whose health and route the test sets; only what {@link RetryPolicy} asks of a pool. */
    private static Pool pool(boolean anyHealthy, RoutePolicy policy, List<Endpoint> endpoints) {
        Route route = new Route("app.localhost", endpoints, policy);
        return new Pool() {
            @Override
            public Route route() {
                return route;
            }

            @Override
            public Endpoint pick(String affinityId, Set<String> excluded) {
                return null;
            }

            @Override
            public boolean anyHealthy() {
                return anyHealthy;
            }

            @Override
            public void started(Endpoint endpoint) {
            }

            @Override
            public void finished(Endpoint endpoint) {
            }

            @Override
            public void failed(Endpoint endpoint, Throwable cause) {
            }
        };
    }

    @Test
    void retriesFailedConnectsElsewhereUpToTheLimit() {
        RetryPolicy retry = new RetryPolicy(2);

        assertThat(retry.afterConnectFailure(A, new ConnectException())).isTrue();
        assertThat(retry.afterConnectFailure(B, new ConnectTimeoutException())).isTrue();
        assertThat(retry.afterConnectFailure(A, new ConnectException())).isFalse();
        assertThat(retry.excluded()).containsExactlyInAnyOrder(A.id(), B.id());
    }

    @Test
    void aResetPolicyStartsAfreshForTheConnectionsNextExchange() {
        RetryPolicy retry = new RetryPolicy(1);
        assertThat(retry.afterConnectFailure(A, new ConnectTimeoutException())).isTrue();
        assertThat(retry.afterConnectFailure(B, new ConnectException())).isFalse();

        retry.reset();

        assertThat(retry.excluded()).isEmpty();
        assertThat(retry.connectFailure(pool(true, RoutePolicy.DEFAULT, List.of(A)))).isEqualTo(ProxyError.NO_HEALTHY_INSTANCE);
        assertThat(retry.afterConnectFailure(A, new ConnectException())).isTrue();
    }

    @Test
    void answersWithTheLastConnectErrorWhileThePoolHasHealthyEndpoints() {
        RetryPolicy retry = new RetryPolicy(0);
        retry.afterConnectFailure(A, new ConnectTimeoutException());

        assertThat(retry.connectFailure(pool(true, RoutePolicy.DEFAULT, List.of(A)))).isEqualTo(ProxyError.BACKEND_TIMEOUT);
    }

    @Test
    void answersNoHealthyInstanceOrAppOfflineWhenThePoolIsDown() {
        RetryPolicy refused = new RetryPolicy(0);
        refused.afterConnectFailure(A, new ConnectException());

        assertThat(refused.connectFailure(pool(true, RoutePolicy.DEFAULT, List.of(A)))).isEqualTo(ProxyError.BACKEND_REFUSED);
        assertThat(refused.connectFailure(pool(false, RoutePolicy.DEFAULT, List.of(A)))).isEqualTo(ProxyError.NO_HEALTHY_INSTANCE);
        RetryPolicy none = new RetryPolicy(2);
        RoutePolicy tunnel = new RoutePolicy(RoutePolicy.DEFAULT.balancing(), false, null, 0, true);
        assertThat(none.connectFailure(pool(false, tunnel, List.of()))).isEqualTo(ProxyError.APP_OFFLINE);
        assertThat(none.connectFailure(pool(false, RoutePolicy.DEFAULT, List.of()))).isEqualTo(ProxyError.NO_HEALTHY_INSTANCE);
    }

    @Test
    void retriesADeadPooledConnectionOnAFreshOneWhateverTheMethod() {
        RetryPolicy retry = new RetryPolicy(1);

        assertThat(retry.afterBackendLoss(null, A, true, 0, "POST")).isEqualTo(RetryPolicy.Decision.RETRY_FRESH);
        assertThat(retry.excluded()).isEmpty();
        assertThat(retry.afterBackendLoss(null, A, true, 0, "POST")).isEqualTo(RetryPolicy.Decision.FAIL);
    }

    @Test
    void retriesAStreamAnH2cBackendRefusedOnTheSameEndpointWhateverTheMethod() {
        RetryPolicy retry = new RetryPolicy(2);
        StreamRefusedException refused = new StreamRefusedException("above the GOAWAY's last stream id");

        assertThat(retry.afterBackendLoss(refused, A, false, 0, "POST")).isEqualTo(RetryPolicy.Decision.RETRY_FRESH);
        assertThat(retry.excluded()).isEmpty();
        assertThat(retry.afterBackendLoss(refused, A, false, 1, "POST")).isEqualTo(RetryPolicy.Decision.FAIL);
    }

    @Test
    void retriesOnlyIdempotentRequestsElsewhereAfterAnEndpointIsLost() {
        RetryPolicy retry = new RetryPolicy(2);

        assertThat(retry.afterBackendLoss(null, A, false, 0, "POST")).isEqualTo(RetryPolicy.Decision.FAIL);
        assertThat(retry.afterBackendLoss(null, A, false, 0, "PUT")).isEqualTo(RetryPolicy.Decision.RETRY_ELSEWHERE);
        assertThat(retry.excluded()).containsExactly(A.id());
        assertThat(retry.connectFailure(pool(true, RoutePolicy.DEFAULT, List.of(A)))).isEqualTo(ProxyError.BACKEND_RESET);
    }

    @Test
    void neverRetriesOnceBodyBytesReachedABackend() {
        RetryPolicy retry = new RetryPolicy(2);

        assertThat(retry.afterBackendLoss(null, A, true, 1, "GET")).isEqualTo(RetryPolicy.Decision.FAIL);
        assertThat(retry.afterBackendLoss(null, A, false, 1, "GET")).isEqualTo(RetryPolicy.Decision.FAIL);
    }

    @Test
    void sharesOneRetryBudgetBetweenConnectsAndLosses() {
        RetryPolicy retry = new RetryPolicy(1);
        assertThat(retry.afterConnectFailure(A, new IOException())).isTrue();

        assertThat(retry.afterBackendLoss(null, B, false, 0, "GET")).isEqualTo(RetryPolicy.Decision.FAIL);
    }
}
