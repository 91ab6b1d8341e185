/**
 * The build queue: {@link dev.ferry.build.queue.BuildQueue} runs the builds kept in the store
 * ({@link dev.ferry.core.store.BuildStore}) with a {@link dev.ferry.build.queue.BuildRunner}, one per app and
 * a few at once, keeps each build's output, and hands pushers a {@link dev.ferry.build.queue.BuildTicket};
 * {@link dev.ferry.build.queue.BuildHeartbeat} keeps a node's builds alive on a store several nodes share.
 */
package dev.ferry.build.queue;
