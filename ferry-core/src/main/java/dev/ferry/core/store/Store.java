package dev.ferry.core.store;

import dev.ferry.core.usage.UsageStore;

/**
 * The control plane's state as one object, for wiring: every port of the store, implemented together because they
 * share one database and its transactions. It has no use case of its own; its two methods hand out the
 * {@link CertificateStore} and the {@link dev.ferry.core.addons.AddonStore}, ports kept apart because they hold
 * secrets (private keys, add-on credentials). Consumers take the port of their concern
 * ({@link AccountStore}, {@link AppStore}, {@link ReleaseStore}, {@link BuildStore}, {@link DrainStore},
 * {@link EventStore}, {@link StoreLifecycle}); the composition root, and the parts that assemble a whole API from
 * several ports, hold a {@code Store}.
 *
 * <p>What every port promises: each method is one use case and one transaction, which happens completely or not
 * at all, and once it returns the change is durable (it survives a {@code kill -9} of the process). Every method that
 * changes something records an {@link Event} in the same transaction, naming {@code by} (or the user acting) as
 * its actor, which {@link EventStore} reads back. Conditions are reported with the {@link StoreException} subclass
 * named for them; bad arguments (an invalid e-mail address, an empty change) with {@link IllegalArgumentException}.
 * Per-app {@link AppLimits} are checked in the transaction of the change, which is refused with
 * {@link LimitExceeded} and writes nothing.
 *
 * <p>The embedded implementation is a SQLite file in the data directory; the distributed one (later) is
 * PostgreSQL (docs/decisions/014-store-ports.md says what it must provide). Implementations are safe for use by
 * many threads.
 */
public interface Store extends AccountStore, AppStore, ReleaseStore, BuildStore, DrainStore, EventStore,
        StoreLifecycle {

    /**
     * The apps' certificates and HTTPS settings, in the same database and transactions. A port of its own rather
     * than one more parent of this interface, because it holds private keys: only the router's certificate source
     * and the certificates API take it.
     */
    CertificateStore certificates();

    /** What the ACME issuer keeps: challenges being answered, issued certificates, each host's last outcome. */
    AcmeStore acme();

    /** The apps' usage records (instance seconds, traffic, build seconds per day), in the same database. */
    UsageStore usage();

    /**
     * The add-ons and their attachments, in the same database; their credentials sealed like config vars. Only the
     * add-ons API takes it.
     */
    dev.ferry.core.addons.AddonStore addons();

    /** The apps' autoscaling rules and the autoscaler's last decisions, in the same database. */
    dev.ferry.core.autoscale.AutoscaleStore autoscale();
}
