/** The custom domain commands: {@code domains}, {@code domains:add}, {@code domains:remove} ({@link dev.ferry.cli.domains.DomainsCommand} and its siblings). */
package dev.ferry.cli.domains;
