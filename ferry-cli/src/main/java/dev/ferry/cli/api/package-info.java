/** The CLI's side of the control API: {@link dev.ferry.cli.api.ApiClient} (its face of the shared client in ferry-api-client), where it is and which token to send ({@link dev.ferry.cli.api.ApiTarget}), and the saved login ({@link dev.ferry.cli.api.CredentialsFile}). */
package dev.ferry.cli.api;
