/** Authentication of the control API: the {@link dev.ferry.control.auth.BearerAuthFilter} that guards {@code /api/**} with a {@link dev.ferry.control.auth.TokenVerifier}, the request's {@link dev.ferry.control.auth.Caller}, and the local {@link dev.ferry.control.auth.AdminToken}. */
package dev.ferry.control.auth;
