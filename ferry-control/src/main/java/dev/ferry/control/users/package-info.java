/** Users and API tokens: {@link dev.ferry.control.users.UsersApi} (admin only) and {@link dev.ferry.control.users.TokensApi} (each user's own tokens). */
package dev.ferry.control.users;
