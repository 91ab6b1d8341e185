/**
 * The add-ons API: {@link dev.ferry.control.addons.AddonsApi} (the HTTP endpoints) over
 * {@link dev.ferry.control.addons.AddonLifecycle} (provision, record, set the config var as a release, and back).
 */
package dev.ferry.control.addons;
