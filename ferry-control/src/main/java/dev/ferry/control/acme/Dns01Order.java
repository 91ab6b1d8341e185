package dev.ferry.control.acme;

import dev.ferry.core.dns.DnsProvider;
import dev.ferry.core.dns.DnsUpdateFailed;
import dev.ferry.core.tls.Pem;
import java.io.IOException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.util.KeyPairUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One certificate for several names proved over DNS-01 (RFC 8555 §8.4), the only challenge a CA accepts for a
 * wildcard: a new order; for each pending authorization the digest is put as a TXT record at
 * {@code _acme-challenge.<name>} through the {@link DnsProvider} (the wildcard and the bare domain share that name,
 * each with its own value); once the zone's authoritative server answers every record, the CA is told to check;
 * the records are removed whatever happened; then a new EC P-256 key, the CSR, and the chain downloaded.
 */
final class Dns01Order {

    private static final Logger log = LoggerFactory.getLogger(Dns01Order.class);

    private record Placed(String name, String value, Dns01Challenge challenge, String domain) {
    }

    private final AcmeConfig config;
    private final AcmeAccount account;
    private final DnsProvider dns;
    private final Duration propagationTimeout;

    Dns01Order(AcmeConfig config, AcmeAccount account, DnsProvider dns, Duration propagationTimeout) {
        this.config = config;
        this.account = account;
        this.dns = dns;
        this.propagationTimeout = propagationTimeout;
    }

    Http01Order.Issued order(List<String> domains) throws AcmeOrderFailed, InterruptedException {
        String what = String.join(", ", domains);
        try {
            Login login = account.login();
            Order order = login.newOrder().domains(domains).create();
            List<Placed> placed = new ArrayList<>();
            try {
                for (Authorization authorization : order.getAuthorizations()) {
                    if (authorization.getStatus() != Status.VALID) {
                        placed.add(place(authorization));
                    }
                }
                for (Placed p : placed) {
                    dns.awaitPropagation(p.name(), p.value(), propagationTimeout);
                }
                for (Placed p : placed) {
                    p.challenge().trigger();
                }
                for (Placed p : placed) {
                    Status status = p.challenge().waitForCompletion(config.orderTimeout());
                    if (status != Status.VALID) {
                        throw new AcmeOrderFailed("the DNS-01 challenge for " + p.domain() + " is " + status
                                + why(p.challenge().getError()));
                    }
                }
            } finally {
                placed.forEach(this::remove);
            }
            if (order.waitUntilReady(config.orderTimeout()) != Status.READY) {
                throw new AcmeOrderFailed("the order for " + what + " is " + order.getStatus() + why(order.getError()));
            }
            KeyPair key = KeyPairUtils.createECKeyPair("secp256r1");
            order.execute(key);
            if (order.waitForCompletion(config.orderTimeout()) != Status.VALID) {
                throw new AcmeOrderFailed("the CA did not issue the certificate for " + what + why(order.getError()));
            }
            return new Http01Order.Issued(Pem.encodeCertificates(order.getCertificate().getCertificateChain()),
                    Pem.encodePrivateKey(key.getPrivate()));
        } catch (DnsUpdateFailed e) {
            throw new AcmeOrderFailed("DNS-01 through " + dns.describe() + ": " + e.getMessage());
        } catch (AcmeException e) {
            throw new AcmeOrderFailed("the ACME CA at " + config.directory() + " refused or failed: " + e.getMessage());
        } catch (IOException e) {
            throw new AcmeOrderFailed("cannot use the ACME account key " + config.accountKeyFile() + ": "
                    + e.getMessage());
        }
    }

    private Placed place(Authorization authorization) throws AcmeOrderFailed, DnsUpdateFailed {
        String domain = authorization.getIdentifier().getDomain();
        Dns01Challenge challenge = authorization.findChallenge(Dns01Challenge.class)
                .orElseThrow(() -> new AcmeOrderFailed("the CA offers no DNS-01 challenge for " + domain));
        String name = challenge.getRRName(authorization.getIdentifier());
        name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        dns.present(name, challenge.getDigest());
        return new Placed(name, challenge.getDigest(), challenge, (authorization.isWildcard() ? "*." : "") + domain);
    }

    private void remove(Placed p) {
        try {
            dns.cleanup(p.name(), p.value());
        } catch (DnsUpdateFailed e) {
            log.warn("ACME: the DNS-01 record for {} stays: {}", p.domain(), e.getMessage());
        }
    }

    private static String why(Optional<Problem> problem) {
        return problem.map(p -> ": " + p.getDetail().orElse(p.toString())).orElse("");
    }
}
