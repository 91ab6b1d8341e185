/** The config var commands: {@code config}, {@code config:get}, {@code config:set}, {@code config:unset} ({@link dev.ferry.cli.config.ConfigCommand} and its siblings). */
package dev.ferry.cli.config;
