package dev.ferry.store.sql;

import dev.ferry.core.store.ApiToken;
import dev.ferry.core.store.App;
import dev.ferry.core.store.AppDomain;
import dev.ferry.core.store.AppLimits;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Build;
import dev.ferry.core.store.BuildId;
import dev.ferry.core.store.Collaborator;
import dev.ferry.core.store.ConfigVars;
import dev.ferry.core.store.DestroyedApp;
import dev.ferry.core.store.Drain;
import dev.ferry.core.store.Event;
import dev.ferry.core.store.Formation;
import dev.ferry.core.store.NewToken;
import dev.ferry.core.store.NewUser;
import dev.ferry.core.store.Page;
import dev.ferry.core.store.Paged;
import dev.ferry.core.store.Release;
import dev.ferry.core.store.ReleaseStatus;
import dev.ferry.core.store.SshKey;
import dev.ferry.core.store.Store;
import dev.ferry.core.store.User;
import dev.ferry.core.store.UserId;
import dev.ferry.store.sql.internal.AccountCommands;
import dev.ferry.store.sql.internal.AppCommands;
import dev.ferry.store.sql.internal.BuildCommands;
import dev.ferry.store.sql.internal.Clocked;
import dev.ferry.store.sql.internal.ConfigCipher;
import dev.ferry.store.sql.internal.Database;
import dev.ferry.store.sql.internal.DrainCommands;
import dev.ferry.store.sql.internal.KeyCheck;
import dev.ferry.store.sql.internal.Migrations;
import dev.ferry.store.sql.internal.ReleaseCommands;
import dev.ferry.store.sql.internal.SshKeyCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded {@link Store}: one SQLite file ({@code <data-dir>/ferry.db}) brought to the current schema by
 * Flyway when opened, with config vars encrypted by AES-256-GCM under the key in {@code <data-dir>/secret.key}
 * (created, mode 0600, on first open). Opening refuses a key file that is missing or is not the key the
 * database was written with, naming the file.
 *
 * <p>Each method is one SQLite transaction on a WAL database with {@code synchronous=FULL}: once a method
 * returns, its change is on the disk and survives a {@code kill -9} or a power cut; one that throws changed
 * nothing. Writes are serialised on one connection (SQLite has one writer); reads use another and do not
 * wait for writes. Safe for use by many threads; {@link #close} when done.
 */
public final class SqliteStore implements Store {

    /** The database file's name in the data directory. */
    public static final String DATABASE_FILE = "ferry.db";
    /** The key file's name in the data directory. */
    public static final String KEY_FILE = "secret.key";

    private final Database db;
    private final Clocked clock;
    private final AccountCommands accounts;
    private final AppCommands apps;
    private final ReleaseCommands releases;
    private final BuildCommands builds;
    private final SshKeyCommands sshKeys;
    private final DrainCommands drains;

    private SqliteStore(Database db, ConfigCipher cipher, Clock clock, AppLimits limits) {
        Clocked clocked = new Clocked(clock);
        this.db = db;
        this.clock = clocked;
        this.accounts = new AccountCommands(db, clocked);
        this.apps = new AppCommands(db, clocked, limits);
        this.releases = new ReleaseCommands(db, clocked, cipher, limits);
        this.builds = new BuildCommands(db, clocked);
        this.sshKeys = new SshKeyCommands(db, clocked);
        this.drains = new DrainCommands(db, clocked, limits);
    }

    /** Opens {@code <dataDir>/ferry.db} with the key in {@code <dataDir>/secret.key}, creating what is missing. */
    public static SqliteStore openInDataDir(Path dataDir) {
        return openInDataDir(dataDir, AppLimits.DEFAULT);
    }

    /** As {@link #openInDataDir(Path)}, with the apps' limits. */
    public static SqliteStore openInDataDir(Path dataDir, AppLimits limits) {
        return open(dataDir.resolve(DATABASE_FILE), dataDir.resolve(KEY_FILE), Clock.systemUTC(), limits);
    }

    /** Opens (creating or migrating when needed) {@code dbFile}, with the config key in {@code keyFile}. */
    public static SqliteStore open(Path dbFile, Path keyFile) {
        return open(dbFile, keyFile, Clock.systemUTC());
    }

    /** As {@link #open(Path, Path)}, with the clock that stamps records. */
    public static SqliteStore open(Path dbFile, Path keyFile, Clock clock) {
        return open(dbFile, keyFile, clock, AppLimits.DEFAULT);
    }

    /** As {@link #open(Path, Path)}, with the clock that stamps records and the apps' limits. */
    public static SqliteStore open(Path dbFile, Path keyFile, Clock clock, AppLimits limits) {
        try {
            Files.createDirectories(dbFile.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the directory of " + dbFile, e);
        }
        Migrations.migrate(dbFile);
        Database db = Database.open(dbFile);
        try {
            return new SqliteStore(db, KeyCheck.cipherFor(db, dbFile, keyFile), clock, limits);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    @Override
    public Optional<NewUser> bootstrapAdmin(String email) {
        return accounts.bootstrapAdmin(email);
    }

    @Override
    public NewUser createUser(String email, boolean admin, UserId by) {
        return accounts.createUser(email, admin, by);
    }

    @Override
    public Optional<User> user(UserId id) {
        return accounts.user(id);
    }

    @Override
    public Optional<User> userByEmail(String email) {
        return accounts.userByEmail(email);
    }

    @Override
    public List<User> users() {
        return accounts.users();
    }

    @Override
    public NewToken createToken(UserId user, String description) {
        return accounts.createToken(user, description);
    }

    @Override
    public List<ApiToken> tokens(UserId user) {
        return accounts.tokens(user);
    }

    @Override
    public void revokeToken(UserId user, String tokenId) {
        accounts.revokeToken(user, tokenId);
    }

    @Override
    public Optional<User> authenticate(String secret) {
        return accounts.authenticate(secret);
    }

    @Override
    public App createApp(UserId owner, AppName name) {
        return apps.createApp(owner, name);
    }

    @Override
    public App createAppWithRandomName(UserId owner) {
        return apps.createAppWithRandomName(owner);
    }

    @Override
    public Optional<App> app(AppName name) {
        return apps.app(name);
    }

    @Override
    public List<App> apps(UserId user) {
        return apps.apps(user);
    }

    @Override
    public List<App> allApps() {
        return apps.allApps();
    }

    @Override
    public DestroyedApp destroyApp(AppName app, UserId by) {
        return apps.destroyApp(app, by);
    }

    @Override
    public boolean canAccess(UserId user, AppName app) {
        return apps.canAccess(user, app);
    }

    @Override
    public Collaborator addCollaborator(AppName app, String email, UserId by) {
        return apps.addCollaborator(app, email, by);
    }

    @Override
    public void removeCollaborator(AppName app, String email, UserId by) {
        apps.removeCollaborator(app, email, by);
    }

    @Override
    public List<Collaborator> collaborators(AppName app) {
        return apps.collaborators(app);
    }

    @Override
    public ConfigVars config(AppName app) {
        return releases.config(app);
    }

    @Override
    public Release setConfig(AppName app, Map<String, String> set, UserId by) {
        return releases.setConfig(app, set, by);
    }

    @Override
    public Release unsetConfig(AppName app, Collection<String> names, UserId by) {
        return releases.unsetConfig(app, names, by);
    }

    @Override
    public Release createDeployRelease(AppName app, String slugId, String commit, Map<String, String> processTypes,
                                       UserId by) {
        return releases.createDeployRelease(app, slugId, commit, processTypes, by);
    }

    @Override
    public Release setReleaseStatus(AppName app, int version, ReleaseStatus status, UserId by) {
        return releases.setReleaseStatus(app, version, status, by);
    }

    @Override
    public Release failRelease(AppName app, int version, String reason, UserId by) {
        return releases.failRelease(app, version, reason, by);
    }

    @Override
    public Release rollback(AppName app, int version, UserId by) {
        return releases.rollback(app, version, by);
    }

    @Override
    public Release rollbackToPrevious(AppName app, UserId by) {
        return releases.rollbackToPrevious(app, by);
    }

    @Override
    public Paged<Release> releases(AppName app, Page page) {
        return releases.releases(app, page);
    }

    @Override
    public Optional<Release> release(AppName app, int version) {
        return releases.release(app, version);
    }

    @Override
    public Optional<Release> currentRelease(AppName app) {
        return releases.currentRelease(app);
    }

    @Override
    public Formation formation(AppName app) {
        return releases.formation(app);
    }

    @Override
    public Formation scale(AppName app, Map<String, Integer> quantities, UserId by) {
        return releases.scale(app, quantities, by);
    }

    @Override
    public AppDomain addDomain(AppName app, String hostname, UserId by) {
        return apps.addDomain(app, hostname, by);
    }

    @Override
    public AppDomain forceDomain(AppName app, String hostname, boolean routeExists, UserId by) {
        return apps.forceDomain(app, hostname, routeExists, by);
    }

    @Override
    public AppDomain removeDomain(AppName app, String hostname, UserId by) {
        return apps.removeDomain(app, hostname, by);
    }

    @Override
    public List<AppDomain> domains(AppName app) {
        return apps.domains(app);
    }

    @Override
    public Optional<AppDomain> domain(String hostname) {
        return apps.domain(hostname);
    }

    // --- log drains

    @Override
    public Drain addDrain(AppName app, String url, UserId by) {
        return drains.addDrain(app, url, by);
    }

    @Override
    public List<Drain> drains(AppName app) {
        return drains.drains(app);
    }

    @Override
    public void removeDrain(AppName app, String urlOrToken, UserId by) {
        drains.removeDrain(app, urlOrToken, by);
    }

    @Override
    public List<Drain> allDrains() {
        return drains.allDrains();
    }

    @Override
    public Build enqueueBuild(AppName app, String commit, String branch, UserId by) {
        return builds.enqueueBuild(app, commit, branch, by);
    }

    @Override
    public Build startBuild(BuildId id) {
        return builds.startBuild(id);
    }

    @Override
    public Build succeedBuild(BuildId id, String buildpack) {
        return builds.succeedBuild(id, buildpack);
    }

    @Override
    public Build failBuild(BuildId id, String reason) {
        return builds.failBuild(id, reason);
    }

    @Override
    public Build recordBuildRelease(BuildId id, int releaseVersion) {
        return builds.recordBuildRelease(id, releaseVersion);
    }

    @Override
    public Paged<Build> builds(AppName app, Page page) {
        return builds.builds(app, page);
    }

    @Override
    public Optional<Build> build(AppName app, BuildId id) {
        return builds.build(app, id);
    }

    @Override
    public List<Build> unfinishedBuilds() {
        return builds.unfinishedBuilds();
    }

    @Override
    public SshKey addSshKey(UserId user, String publicKey) {
        return sshKeys.addSshKey(user, publicKey);
    }

    @Override
    public List<SshKey> sshKeys(UserId user) {
        return sshKeys.sshKeys(user);
    }

    @Override
    public SshKey removeSshKey(UserId user, String fingerprintOrComment) {
        return sshKeys.removeSshKey(user, fingerprintOrComment);
    }

    @Override
    public Optional<User> userBySshKey(String fingerprint) {
        return sshKeys.userBySshKey(fingerprint);
    }

    @Override
    public Paged<Event> events(AppName app, Page page) {
        return apps.events(app, page);
    }

    @Override
    public Paged<Event> events(Page page) {
        return apps.events(page);
    }

    @Override
    public void checkWritable() {
        db.write(tx -> tx.update("INSERT OR REPLACE INTO write_probe (id, checked_at) VALUES (1, ?)",
                clock.now().toEpochMilli()));
    }

    @Override
    public void close() {
        db.close();
    }
}
