/** The public health answer of the control API: {@link dev.ferry.control.health.StoreHealth}. */
package dev.ferry.control.health;
