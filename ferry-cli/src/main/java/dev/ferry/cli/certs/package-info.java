/**
 * The HTTPS commands: {@link dev.ferry.cli.certs.CertsCommand}, {@link dev.ferry.cli.certs.CertsAddCommand},
 * {@link dev.ferry.cli.certs.CertsRemoveCommand}, {@link dev.ferry.cli.certs.HttpsForceCommand} and
 * {@link dev.ferry.cli.certs.HttpsHstsCommand}.
 */
package dev.ferry.cli.certs;
