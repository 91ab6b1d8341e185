/** The usage records API, {@code GET /api/usage}: {@link dev.ferry.control.usage.UsageApi}. */
package dev.ferry.control.usage;
