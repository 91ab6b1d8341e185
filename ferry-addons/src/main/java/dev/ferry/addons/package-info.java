/**
 * Add-on provisioning: {@link dev.ferry.addons.PostgresAddonProvisioner} (a database and a role per add-on) and
 * {@link dev.ferry.addons.RedisAddonProvisioner} (an ACL user per add-on, restricted to its key prefix) on servers
 * named by {@link dev.ferry.addons.AddonServerUrl}, and {@link dev.ferry.addons.LocalAddonServers} which starts
 * and supervises loopback servers from the host's binaries for {@code ferry up --addons local}; and
 * {@link dev.ferry.addons.PgDumpBackups}, the backups of PostgreSQL add-ons made by the host's {@code pg_dump}.
 */
package dev.ferry.addons;
