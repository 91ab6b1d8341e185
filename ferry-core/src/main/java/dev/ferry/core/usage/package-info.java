/** Usage records of apps per process type and UTC day, the base of billing: {@link dev.ferry.core.usage.UsageStore}. */
package dev.ferry.core.usage;
