/**
 * The control plane's model and its storage port: {@link dev.ferry.core.store.Store}, with the records it
 * speaks in ({@link dev.ferry.core.store.AppName}, {@link dev.ferry.core.store.App},
 * {@link dev.ferry.core.store.User}, {@link dev.ferry.core.store.ApiToken},
 * {@link dev.ferry.core.store.ConfigVars}, {@link dev.ferry.core.store.Release},
 * {@link dev.ferry.core.store.Formation}, {@link dev.ferry.core.store.AppDomain},
 * {@link dev.ferry.core.store.Event}) and the {@link dev.ferry.core.store.StoreException}s it reports.
 */
package dev.ferry.core.store;
