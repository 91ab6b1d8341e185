/** The store's commands: {@link dev.ferry.server.store.StoreMigrateCommand}, {@code ferry store:migrate}. */
package dev.ferry.server.store;
