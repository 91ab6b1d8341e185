/** The apps API and the app resources under it (config, releases, domains, formation, collaborators, events): {@link dev.ferry.control.apps.AppsApi} registers them all. */
package dev.ferry.control.apps;
