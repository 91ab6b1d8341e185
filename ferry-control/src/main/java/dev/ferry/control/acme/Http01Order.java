package dev.ferry.control.acme;

import dev.ferry.core.store.AcmeStore;
import dev.ferry.core.tls.Pem;
import java.io.IOException;
import java.security.KeyPair;
import java.util.Optional;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.challenge.TlsAlpn01Challenge;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * One certificate for one host, the ACME way (RFC 8555 §7): a new order, each pending authorization proved by the
 * challenge {@link AcmeConfig#challenge()} names — HTTP-01: the token and key authorization put into the
 * {@link AcmeStore}, where every router reads and answers it at {@code /.well-known/acme-challenge/<token>};
 * TLS-ALPN-01: the host and key authorization, from which every router makes the challenge certificate it serves
 * for ALPN {@code acme-tls/1} — removed again whatever happens, then a new EC P-256 key, the CSR, and the chain
 * downloaded.
 */
final class Http01Order {

    /** What an order gave: the chain in PEM (leaf first) and its new private key in PKCS#8 PEM. */
    record Issued(String chainPem, String privateKeyPem) {
    }

    private final AcmeConfig config;
    private final AcmeAccount account;
    private final AcmeStore challenges;

    Http01Order(AcmeConfig config, AcmeAccount account, AcmeStore challenges) {
        this.config = config;
        this.account = account;
        this.challenges = challenges;
    }

    Issued order(String host) throws AcmeOrderFailed, InterruptedException {
        try {
            Login login = account.login();
            Order order = login.newOrder().domain(host).create();
            for (Authorization authorization : order.getAuthorizations()) {
                if (authorization.getStatus() != Status.VALID) {
                    prove(host, authorization);
                }
            }
            if (order.waitUntilReady(config.orderTimeout()) != Status.READY) {
                throw new AcmeOrderFailed("the order for " + host + " is " + order.getStatus() + why(order.getError()));
            }
            KeyPair key = KeyPairUtils.createECKeyPair("secp256r1");
            order.execute(key);
            if (order.waitForCompletion(config.orderTimeout()) != Status.VALID) {
                throw new AcmeOrderFailed("the CA did not issue the certificate for " + host + why(order.getError()));
            }
            return new Issued(Pem.encodeCertificates(order.getCertificate().getCertificateChain()),
                    Pem.encodePrivateKey(key.getPrivate()));
        } catch (AcmeException e) {
            throw new AcmeOrderFailed("the ACME CA at " + config.directory() + " refused or failed: " + e.getMessage());
        } catch (IOException e) {
            throw new AcmeOrderFailed("cannot use the ACME account key " + config.accountKeyFile() + ": "
                    + e.getMessage());
        }
    }

    private void prove(String host, Authorization authorization)
            throws AcmeException, AcmeOrderFailed, InterruptedException {
        if (config.challenge() == AcmeChallenge.TLS_ALPN_01) {
            TlsAlpn01Challenge challenge = authorization.findChallenge(TlsAlpn01Challenge.class)
                    .orElseThrow(() -> new AcmeOrderFailed("the CA offers no TLS-ALPN-01 challenge for " + host));
            challenges.putTlsAlpnChallenge(host, challenge.getAuthorization());
            try {
                complete(host, challenge);
            } finally {
                challenges.removeTlsAlpnChallenge(host);
            }
            return;
        }
        Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class)
                .orElseThrow(() -> new AcmeOrderFailed("the CA offers no HTTP-01 challenge for " + host));
        challenges.putChallenge(challenge.getToken(), challenge.getAuthorization());
        try {
            complete(host, challenge);
        } finally {
            challenges.removeChallenge(challenge.getToken());
        }
    }

    /** Tells the CA to check a challenge now answered, once routers that reload have it, and waits for the result. */
    private void complete(String host, Challenge challenge)
            throws AcmeException, AcmeOrderFailed, InterruptedException {
        Thread.sleep(config.challengeDelay());
        challenge.trigger();
        Status status = challenge.waitForCompletion(config.orderTimeout());
        if (status != Status.VALID) {
            throw new AcmeOrderFailed("the " + config.challenge().code().toUpperCase(java.util.Locale.ROOT)
                    + " challenge for " + host + " is " + status + why(error(challenge)));
        }
    }

    private static Optional<Problem> error(Challenge challenge) {
        return challenge.getError();
    }

    private static String why(Optional<Problem> problem) {
        return problem.map(p -> ": " + p.getDetail().orElse(p.toString())).orElse("");
    }
}
