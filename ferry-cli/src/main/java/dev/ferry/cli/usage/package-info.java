/** {@code ferry usage}: the usage records of apps ({@link dev.ferry.cli.usage.UsageCommand}). */
package dev.ferry.cli.usage;
