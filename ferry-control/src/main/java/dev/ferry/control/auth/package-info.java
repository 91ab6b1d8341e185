/** Authentication of the control API: {@link dev.ferry.control.auth.AdminToken}, {@link dev.ferry.control.auth.TokenVerifier} and the {@link dev.ferry.control.auth.BearerAuthFilter} that guards {@code /api/**}. */
package dev.ferry.control.auth;
