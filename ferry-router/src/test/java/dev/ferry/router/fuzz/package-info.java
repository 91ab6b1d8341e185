/** A bounded fuzz test of the router ({@code RouterFuzz}, run by the {@code fuzz} Maven profile) and its helpers. */
package dev.ferry.router.fuzz;
