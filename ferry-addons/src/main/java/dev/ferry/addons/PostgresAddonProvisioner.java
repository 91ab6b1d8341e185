package dev.ferry.addons;

import dev.ferry.core.addons.AddonKind;
import dev.ferry.core.addons.AddonProvisioner;
import dev.ferry.core.addons.AddonServerUnavailable;
import dev.ferry.core.addons.ProvisionedAddon;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes each PostgreSQL add-on a database of its own, owned by a role of its own with a random password, on the
 * server the admin URL names. What it isolates: every database of the server loses {@code PUBLIC}'s
 * {@code CONNECT} (owners and superusers keep theirs), so an add-on's role can connect to its own database and to no
 * other: not another add-on's, not the maintenance database, not Ferry's own store if it lives on the same server; its role has no superuser, database, role or replication right. Removing drops
 * the database (ending its sessions) and then the role. The admin account needs {@code CREATEDB} and {@code CREATEROLE}
 * (or is a superuser). Thread-safe: each call opens its own admin connection.
 *
 * <p>Rotating credentials makes a new login role {@code <resource>_r<8 hex>}, a member of the add-on's role whose
 * sessions act as it ({@code ALTER ROLE … SET role}), so it has the same rights and what it makes belongs to the
 * add-on's role; the old login keeps working until {@link #retire} takes its login, ends its sessions and drops it
 * (the add-on's own role is never dropped before the add-on: it owns the data, and only loses its login).
 */
public final class PostgresAddonProvisioner implements AddonProvisioner {

    private static final Logger log = LoggerFactory.getLogger(PostgresAddonProvisioner.class);
    private static final Pattern IDENTIFIER = Pattern.compile("addon_[a-z0-9_]{1,60}");

    private final AddonServerUrl admin;

    public PostgresAddonProvisioner(AddonServerUrl admin) {
        this.admin = Objects.requireNonNull(admin, "admin");
        if (!admin.scheme().equals("postgres")) {
            throw new IllegalArgumentException("--addons-postgres needs a postgres:// URL, not " + admin.scheme() + "://");
        }
    }

    @Override
    public AddonKind kind() {
        return AddonKind.POSTGRES;
    }

    @Override
    public String location() {
        return admin.hostAndPort();
    }

    @Override
    public ProvisionedAddon provision(String addonName) {
        String name = Secrets.resourceName(addonName);
        String password = Secrets.password();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + name + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION"
                    + " CONNECTION LIMIT 50 PASSWORD " + literal(password));
            try {
                // The admin must be able to SET ROLE to the owner for CREATE DATABASE ... OWNER (PostgreSQL 16+).
                grantMembershipToAdmin(s, name);
                s.execute("CREATE DATABASE " + name + " OWNER " + name);
                s.execute("REVOKE ALL ON DATABASE " + name + " FROM PUBLIC");
                s.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + name + " TO " + name);
                revokePublicConnect(s);
            } catch (SQLException e) {
                dropQuietly(s, name);
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable("create the database of add-on " + addonName, e);
        }
        String url = "postgres://" + name + ":" + password + "@" + admin.hostAndPort() + "/" + name;
        log.info("created PostgreSQL database and role {} on {}", name, admin.hostAndPort());
        return new ProvisionedAddon(name, url);
    }

    @Override
    public void deprovision(String resource) {
        requireResource(resource);
        try (Connection c = connect(); Statement s = c.createStatement()) {
            List<String> logins = logins(s, resource);
            s.execute("DROP DATABASE IF EXISTS " + resource + " WITH (FORCE)");
            for (String login : logins) {
                s.execute("DROP ROLE IF EXISTS " + login);
            }
            s.execute("DROP ROLE IF EXISTS " + resource);
        } catch (SQLException e) {
            throw unavailable("drop the database and role " + resource, e);
        }
        log.info("dropped PostgreSQL database and role {} on {}", resource, admin.hostAndPort());
    }

    @Override
    public ProvisionedAddon rotate(String resource) {
        requireResource(resource);
        String login = resource + "_r" + Secrets.suffix();
        String password = Secrets.password();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + login + " LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION"
                    + " CONNECTION LIMIT 50 PASSWORD " + literal(password) + " IN ROLE " + resource);
            s.execute("ALTER ROLE " + login + " SET role = " + literal(resource));
        } catch (SQLException e) {
            throw unavailable("make new credentials for " + resource, e);
        }
        log.info("made the login role {} for the add-on {} on {}", login, resource, admin.hostAndPort());
        return new ProvisionedAddon(resource, "postgres://" + login + ":" + password + "@" + admin.hostAndPort() + "/"
                + resource);
    }

    @Override
    public void retire(String resource, String oldUrl) {
        requireResource(resource);
        String login = AddonServerUrl.parse(oldUrl, null).user();
        if (!login.equals(resource) && !isLoginOf(resource, login)) {
            throw new IllegalArgumentException("not a login of add-on " + resource + ": " + login);
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("ALTER ROLE " + login + " NOLOGIN PASSWORD NULL");
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = " + literal(login));
            if (!login.equals(resource)) {
                reassignOwned(login, resource);
                s.execute("DROP ROLE IF EXISTS " + login);
            }
        } catch (SQLException e) {
            throw unavailable("revoke the old credentials " + login, e);
        }
        log.info("revoked the login {} of the add-on {} on {}", login, resource, admin.hostAndPort());
    }

    private static boolean isLoginOf(String resource, String login) {
        return login.matches(Pattern.quote(resource) + "_r[0-9a-f]{8}");
    }

    /** Gives what {@code login} made in the add-on's database (after a {@code RESET ROLE}) to the add-on's role. */
    private void reassignOwned(String login, String resource) throws SQLException {
        try (Connection c = connect(resource); Statement s = c.createStatement()) {
            s.execute("REASSIGN OWNED BY " + login + " TO " + resource);
            s.execute("DROP OWNED BY " + login);
        }
    }

    /** The add-on's login roles made by {@link #rotate}: members of its role, named after it. */
    private static List<String> logins(Statement s, String resource) throws SQLException {
        List<String> logins = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member"
                + " JOIN pg_roles g ON g.oid = m.roleid WHERE g.rolname = " + literal(resource))) {
            while (rs.next()) {
                if (isLoginOf(resource, rs.getString(1))) {
                    logins.add(rs.getString(1));
                }
            }
        }
        return logins;
    }

    private static void requireResource(String resource) {
        if (!IDENTIFIER.matcher(resource).matches()) {
            throw new IllegalArgumentException("not an add-on database: " + resource);
        }
    }

    private void grantMembershipToAdmin(Statement s, String role) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
            if (rs.next() && rs.getBoolean(1)) {
                return;
            }
        }
        s.execute("GRANT " + role + " TO CURRENT_USER");
    }

    /**
     * Takes {@code PUBLIC}'s {@code CONNECT} from every database of the server that still grants it (the maintenance
     * database, {@code template1}, Ferry's own store if it lives here, databases made before): otherwise any role,
     * an add-on's too, may connect to them. Owners and superusers keep their access.
     */
    private static void revokePublicConnect(Statement s) throws SQLException {
        List<String> open = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datallowconn"
                + " AND has_database_privilege('public', oid, 'CONNECT')")) {
            while (rs.next()) {
                open.add(rs.getString(1));
            }
        }
        for (String db : open) {
            s.execute("REVOKE CONNECT ON DATABASE " + quote(db) + " FROM PUBLIC");
        }
    }

    private static void dropQuietly(Statement s, String name) {
        try {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("DROP ROLE IF EXISTS " + name);
        } catch (SQLException e) {
            log.warn("could not undo the half-made add-on {}: {}", name, e.getMessage());
        }
    }

    private Connection connect() throws SQLException {
        return connect(admin.database());
    }

    private Connection connect(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", admin.user());
        admin.password().ifPresent(pw -> p.setProperty("password", pw));
        p.setProperty("connectTimeout", "5");
        String host = admin.host().contains(":") ? "[" + admin.host() + "]" : admin.host();
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + admin.port() + "/" + database, p);
    }

    private AddonServerUnavailable unavailable(String what, SQLException e) {
        return new AddonServerUnavailable("Could not " + what + " on the PostgreSQL server " + admin.hostAndPort()
                + ": " + e.getMessage(), e);
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
