/** The platform's log of access events: {@link dev.ferry.server.access.AccessEventLog}. */
package dev.ferry.server.access;
