/**
 * The add-ons API: {@link dev.ferry.control.addons.AddonsApi} (the HTTP endpoints, with {@code PgBackupsApi} for
 * backups) over {@link dev.ferry.control.addons.AddonLifecycle} (provision, record, set the config var as a release,
 * and back), {@code CredentialRotation} ({@code pg:credentials:rotate}) and
 * {@link dev.ferry.control.addons.AddonAppCleanup} (the add-ons an app owns, destroyed with it).
 */
package dev.ferry.control.addons;
