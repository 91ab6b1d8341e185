/**
 * The control plane's model and its storage ports, one per concern: {@link dev.ferry.core.store.AccountStore}
 * (users, tokens, SSH keys), {@link dev.ferry.core.store.AppStore} (apps, collaborators, custom domains),
 * {@link dev.ferry.core.store.ReleaseStore} (config vars, releases, formation), {@link dev.ferry.core.store.BuildStore}
 * (build jobs), {@link dev.ferry.core.store.DrainStore} (log drains), {@link dev.ferry.core.store.EventStore} (the
 * audit trail) and {@link dev.ferry.core.store.StoreLifecycle}, all together in {@link dev.ferry.core.store.Store}
 * for wiring (made of one object per port by {@link dev.ferry.core.store.ComposedStore}); with the records they
 * speak in ({@link dev.ferry.core.store.AppName}, {@link dev.ferry.core.store.App}, {@link dev.ferry.core.store.User},
 * {@link dev.ferry.core.store.ApiToken}, {@link dev.ferry.core.store.ConfigVars}, {@link dev.ferry.core.store.Release},
 * {@link dev.ferry.core.store.Formation}, {@link dev.ferry.core.store.AppDomain}, {@link dev.ferry.core.store.Event}),
 * the one spelling of an app's host names ({@link dev.ferry.core.store.AppHostNames}) and the
 * {@link dev.ferry.core.store.StoreException}s they report.
 */
package dev.ferry.core.store;
