package dev.ferry.store.sql.internal;

import dev.ferry.core.addons.AddonStore;
import dev.ferry.core.autoscale.AutoscaleStore;
import dev.ferry.core.store.AcmeStore;
import dev.ferry.core.store.AppLimits;
import dev.ferry.core.store.CertificateStore;
import dev.ferry.core.store.ComposedStore;
import dev.ferry.core.usage.UsageStore;

/**
 * Every port of the store over one SQL {@link Database}, the same {@code *Commands} classes for SQLite and
 * PostgreSQL: {@code AccountCommands}, {@code AppCommands}, {@code ReleaseCommands}, {@code BuildCommands},
 * {@code DrainCommands} and {@code EventCommands} behind {@link ComposedStore}, and the ports kept apart from the
 * composite (certificates, usage records, add-ons, autoscaling). A subclass opens its database and says how it is checked and
 * closed.
 */
public abstract class SqlStore extends ComposedStore {

    private final CertificateCommands certificates;
    private final AcmeCommands acme;
    private final UsageCommands usage;
    private final AddonCommands addons;
    private final AutoscaleCommands autoscale;

    protected SqlStore(Database db, ConfigCipher cipher, Clocked clock, AppLimits limits) {
        this(db, cipher, clock, limits, BuildCommands.LOCAL_NODE);
    }

    /** As the other constructor, for the control node {@code node} of several on one database (its builds). */
    protected SqlStore(Database db, ConfigCipher cipher, Clocked clock, AppLimits limits, String node) {
        this(db, cipher, clock, limits, node, new CertificateCommands(db, clock, cipher));
    }

    /** Custom domains decide which hosts a certificate serves: their changes tell the certificates' listeners too. */
    private SqlStore(Database db, ConfigCipher cipher, Clocked clock, AppLimits limits, String node,
                     CertificateCommands certificates) {
        super(new AccountCommands(db, clock), new AppCommands(db, clock, limits, cipher, certificates::changed),
                new ReleaseCommands(db, clock, cipher, limits), new BuildCommands(db, clock, node),
                new DrainCommands(db, clock, limits), new EventCommands(db));
        this.certificates = certificates;
        this.acme = new AcmeCommands(db, clock, cipher, certificates);
        this.usage = new UsageCommands(db);
        this.addons = new AddonCommands(db, clock, cipher);
        this.autoscale = new AutoscaleCommands(db, clock);
    }

    /** The certificates and HTTPS settings, their private keys sealed with the config key. */
    @Override
    public CertificateStore certificates() {
        return certificates;
    }

    /** The ACME issuer's challenges, certificates and outcomes, in the same database. */
    @Override
    public AcmeStore acme() {
        return acme;
    }

    /** The usage records in this database. */
    @Override
    public UsageStore usage() {
        return usage;
    }

    /** The add-ons and their attachments, their credentials sealed with the config key. */
    @Override
    public AddonStore addons() {
        return addons;
    }

    /** The autoscaling rules and decisions in this database. */
    @Override
    public AutoscaleStore autoscale() {
        return autoscale;
    }
}
