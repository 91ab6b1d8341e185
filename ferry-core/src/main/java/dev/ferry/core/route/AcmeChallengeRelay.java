package dev.ferry.core.route;

import java.util.Map;

/**
 * The ACME HTTP-01 challenges being answered, carried by the fleet's route registry to routers that have no store
 * ({@code ferry router}): the issuer of a control node puts each token and key authorization here as well as in its
 * store, and every router answers {@code /.well-known/acme-challenge/<token>} from {@link #answers()}, reading again
 * when {@link #onChange} fires. A key authorization is no secret (the CA fetches it in the clear). Implemented over
 * Redis next to the routes (docs/decisions/028-acme.md).
 */
public interface AcmeChallengeRelay extends AutoCloseable {

    /** Answers {@code token} with {@code keyAuthorization} on every router from now on, until {@link #remove}. */
    void put(String token, String keyAuthorization);

    /** Stops answering {@code token}; nothing when it is not there. */
    void remove(String token);

    /** Every challenge being answered, token to key authorization. */
    Map<String, String> answers();

    /** Runs {@code listener} after each change made by any node (on a thread of the relay's). */
    void onChange(Runnable listener);

    @Override
    void close();
}
