/** The app commands: {@code apps}, {@code apps:create}, {@code apps:info}, {@code apps:destroy} ({@link dev.ferry.cli.apps.AppsCommand} and its siblings). */
package dev.ferry.cli.apps;
