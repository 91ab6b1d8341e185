/** The route commands: {@link dev.ferry.cli.routes.RoutesCommand} ({@code routes}), {@link dev.ferry.cli.routes.RoutesAddCommand} ({@code routes:add}) and {@link dev.ferry.cli.routes.RoutesRemoveCommand} ({@code routes:remove}). */
package dev.ferry.cli.routes;
