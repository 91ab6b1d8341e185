/** Users and API tokens: {@code users}, {@code users:add} (admin), {@code tokens}, {@code tokens:create}, {@code tokens:revoke} ({@link dev.ferry.cli.users.UsersCommand} and its siblings). */
package dev.ferry.cli.users;
