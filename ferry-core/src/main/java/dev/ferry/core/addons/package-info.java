/**
 * Add-ons (a PostgreSQL database or a Redis of an app's own): the {@link dev.ferry.core.addons.AddonStore} port that
 * records them and their attachments, and the {@link dev.ferry.core.addons.AddonProvisioner} port that makes and
 * removes them on a server.
 */
package dev.ferry.core.addons;
