/** The route commands: {@link dev.ferry.cli.routes.RoutesCommand} ({@code routes}), {@link dev.ferry.cli.routes.RoutesAddCommand} ({@code routes:add}), {@link dev.ferry.cli.routes.RoutesRemoveCommand} ({@code routes:remove}) and their TCP counterparts {@code routes:tcp}, {@code routes:tcp:add}, {@code routes:tcp:remove}. */
package dev.ferry.cli.routes;
