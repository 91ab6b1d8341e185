/**
 * Add-ons (a PostgreSQL database or a Redis of an app's own): the {@link dev.ferry.core.addons.AddonStore} port that
 * records them and their attachments, and the {@link dev.ferry.core.addons.AddonProvisioner} port that makes and
 * removes them on a server (and rotates PostgreSQL credentials), and the {@link dev.ferry.core.addons.AddonBackups}
 * port that keeps PostgreSQL add-ons' backups.
 */
package dev.ferry.core.addons;
