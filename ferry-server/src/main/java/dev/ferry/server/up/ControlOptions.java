package dev.ferry.server.up;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The flags of the control role (API, git, builds, store, runtime), shared by {@code ferry up} and
 * {@code ferry control} as a picocli mixin; {@link dev.ferry.server.config.FerryConfigResolver} reads each with its
 * environment variable.
 */
public final class ControlOptions {

    @Option(names = "--api-port", paramLabel = "PORT", description = "Control API and /metrics (env FERRY_API_PORT; default 7070; 0 = off).")
    Integer apiPort;

    @Option(names = "--ssh-port", paramLabel = "PORT", description = "Git over SSH (env FERRY_SSH_PORT; default 2222; 0 turns it off).")
    Integer sshPort;

    @Option(names = "--tunnel-port", paramLabel = "PORT", description = "Tunnel gateway, reserved (env FERRY_TUNNEL_PORT; default 7000).")
    Integer tunnelPort;

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "Apps' domain: apps answer at <app>.DOMAIN (env FERRY_DOMAIN; default localhost).")
    String domain;

    @Option(names = "--store", paramLabel = "URL", description = "Keep apps, config, releases, users and (unless --slug-store) the apps' slugs in this PostgreSQL database, postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE, which several control nodes can share (one reconciler leads by a lease there); the password may come from env FERRY_STORE_PASSWORD or PGPASSWORD instead (env FERRY_STORE; default: SQLite in the data dir).")
    String store;

    @Option(names = "--secret-key-file", paramLabel = "PATH", description = "The key that encrypts config vars, base64 of 32 bytes, made when missing and the store is new; every control node on one PostgreSQL store needs the same, given here or as env FERRY_SECRET_KEY (env FERRY_SECRET_KEY_FILE; default <data-dir>/secret.key with SQLite, none with PostgreSQL).")
    Path secretKeyFile;

    @Option(names = "--slug-store", paramLabel = "URL", description = "Keep slugs and build outputs in this S3-compatible bucket, s3://BUCKET[/PREFIX], which every control node reaches; the endpoint and keys come from env AWS_ENDPOINT_URL (default AWS's), AWS_REGION (default us-east-1), AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (required), AWS_SESSION_TOKEN; a bucket that cannot be used stops the start (env FERRY_SLUG_STORE; default: the PostgreSQL store with --store, else only the data dir).")
    String slugStore;

    @Option(names = "--max-push-size", paramLabel = "SIZE", description = "Largest pack one git push may send, e.g. 512m or 1g (env FERRY_MAX_PUSH_SIZE; default 512m).")
    String maxPushSize;

    @Option(names = "--max-source-size", paramLabel = "SIZE", description = "Most the files of a pushed commit may hold once checked out, e.g. 512m or 2g; a push of more fails its build (env FERRY_MAX_SOURCE_SIZE; default 512m).")
    String maxSourceSize;

    @Option(names = "--max-builds", paramLabel = "N", description = "Builds of different apps run at once; one per app always (env FERRY_MAX_BUILDS; default 2).")
    Integer maxBuilds;

    @Option(names = "--build-timeout", paramLabel = "TIME", description = "Longest one build may run, e.g. 15m or 90s (env FERRY_BUILD_TIMEOUT; default 15m).")
    String buildTimeout;

    @Option(names = "--max-config-vars", paramLabel = "N", description = "Config vars one app may have (env FERRY_MAX_CONFIG_VARS; default 500).")
    Integer maxConfigVars;

    @Option(names = "--max-config-size", paramLabel = "SIZE", description = "Size of one app's config vars, names and values together, e.g. 32k (env FERRY_MAX_CONFIG_SIZE; default 32k).")
    String maxConfigSize;

    @Option(names = "--max-domains", paramLabel = "N", description = "Custom domains one app may have (env FERRY_MAX_DOMAINS; default 100).")
    Integer maxDomains;

    @Option(names = "--max-drains", paramLabel = "N", description = "Log drains one app may have (env FERRY_MAX_DRAINS; default 10).")
    Integer maxDrains;

    @Option(names = "--auth-max-failures", paramLabel = "N", description = "Failed authentications (API tokens, git passwords, SSH keys, tunnel tokens) one client address may make per window before it is refused (env FERRY_AUTH_MAX_FAILURES; default 20).")
    Integer authMaxFailures;

    @Option(names = "--auth-failure-window", paramLabel = "TIME", description = "The window of --auth-max-failures, and how long an address over it is refused (429 with Retry-After), e.g. 60s or 5m (env FERRY_AUTH_FAILURE_WINDOW; default 60s).")
    String authFailureWindow;

    @Option(names = "--instance-network", paramLabel = "MODE", description = "auto: each instance in its own network namespace when pasta is installed; pasta: required; shared: the host's network (env FERRY_INSTANCE_NETWORK; default auto).")
    String instanceNetwork;

    @Option(names = "--drain-allow", paramLabel = "HOST:PORT,...", description = "Log drain targets allowed although loopback, private or this machine's, e.g. logs.internal:514 (env FERRY_DRAIN_ALLOW; default none).")
    String drainAllow;

    @Option(names = "--pids-limit", paramLabel = "N", description = "Processes and threads one instance may run at once; more fail to start (env FERRY_PIDS_LIMIT; default 512).")
    Integer pidsLimit;

    @Option(names = "--pids-limit-per-type", paramLabel = "TYPE=N,…", description = "Pids limits of process types over --pids-limit, e.g. worker=2048 (env FERRY_PIDS_LIMIT_PER_TYPE; default none).")
    String pidsLimitPerType;

    @Option(names = "--tmp-size", paramLabel = "SIZE", description = "Size of an instance's /tmp, in its memory (env FERRY_TMP_SIZE; default 64m).")
    String tmpSize;

    @Option(names = "--app-disk-limit", paramLabel = "SIZE", description = "Most an instance may keep in /app; beyond, it is restarted on a fresh copy (env FERRY_APP_DISK_LIMIT; default 1g).")
    String appDiskLimit;

    @Option(names = "--build-memory", paramLabel = "SIZE", description = "Memory of one build, all its commands together (env FERRY_BUILD_MEMORY; default 1g).")
    String buildMemory;

    @Option(names = "--build-pids-limit", paramLabel = "N", description = "Processes and threads one build may run at once (env FERRY_BUILD_PIDS_LIMIT; default 512).")
    Integer buildPidsLimit;

    @Option(names = "--addons", paramLabel = "MODE", description = "local: run a loopback PostgreSQL and Redis from this host's binaries, in <data-dir>/addons, for addons:create; none: no add-on server unless given below (env FERRY_ADDONS; default none).")
    String addons;

    @Option(names = "--addons-postgres", paramLabel = "URL", description = "Make PostgreSQL add-ons (a database and role each) on this server, postgres://ADMIN@HOST[:PORT]/; the password may come from env FERRY_ADDONS_POSTGRES_PASSWORD (env FERRY_ADDONS_POSTGRES; default none).")
    String addonsPostgres;

    @Option(names = "--addons-redis", paramLabel = "URL", description = "Make Redis add-ons (an ACL user each, bound to its key prefix) on this server, redis://[USER:PASSWORD@]HOST[:PORT]; the password may come from env FERRY_ADDONS_REDIS_PASSWORD (env FERRY_ADDONS_REDIS; default none).")
    String addonsRedis;

    @Option(names = "--runtime", paramLabel = "KIND", description = "Where apps' instances run: local (sandboxed processes on this machine) or kubernetes (Deployments on the cluster of the in-cluster config or KUBECONFIG; docs/kubernetes.md) (env FERRY_RUNTIME; default local).")
    String runtime;

    @Option(names = "--namespace-prefix", paramLabel = "PREFIX", description = "With --runtime kubernetes, each app runs in namespace PREFIX<app> (env FERRY_NAMESPACE_PREFIX; default ferry-).")
    String namespacePrefix;

    @Option(names = "--stack-image", paramLabel = "BUILDPACK=IMAGE,...", description = "With --runtime kubernetes, the image pods of a buildpack's apps run in, over the defaults node=node:20-bookworm-slim, python=python:3.12-slim-bookworm, java=eclipse-temurin:21-jre, go, static, procfile (env FERRY_STACK_IMAGE).")
    String stackImage;

    @Option(names = "--control-url", paramLabel = "URL", description = "With --runtime kubernetes, the control API as pods reach it, to download slugs, e.g. http://ferry-control.ferry:7070 (env FERRY_CONTROL_URL; default http://<bind>:<api-port>).")
    String controlUrl;

    @Option(names = "--acme-email", paramLabel = "EMAIL", description = "Get a certificate over ACME for every app host and custom domain, with this contact at the CA, Let's Encrypt unless --acme-directory names another; ACME is off unless this, --acme-directory or --acme-staging is given (env FERRY_ACME_EMAIL; default none).")
    String acmeEmail;

    @Option(names = "--acme-directory", paramLabel = "URL", description = "The ACME CA's directory, e.g. a private CA's (env FERRY_ACME_DIRECTORY; default https://acme-v02.api.letsencrypt.org/directory once ACME is on).")
    String acmeDirectory;

    @Option(names = "--acme-staging", description = "Use Let's Encrypt's staging directory (untrusted certificates, for trying out) (env FERRY_ACME_STAGING; default false).")
    Boolean acmeStaging;

    @Option(names = {"--acme-trust-ca", "--acme-ca-cert"}, paramLabel = "FILE", description = "PEM file of the CA certificates that the ACME directory's HTTPS is checked against, for a private CA such as Pebble; --acme-ca-cert is its former name (env FERRY_ACME_TRUST_CA or FERRY_ACME_CA_CERT; default: the JDK's trusted CAs).")
    Path acmeTrustCa;

    @Option(names = "--acme-challenge", paramLabel = "KIND", description = "How the ACME CA checks that Ferry answers for a name: http-01 on the routers' HTTP port (80 in production), or tls-alpn-01 on their HTTPS port (443) when port 80 is not reachable (env FERRY_ACME_CHALLENGE; default http-01).")
    String acmeChallenge;

    @Option(names = "--dns-resolver", paramLabel = "HOST:PORT", description = "The DNS server asked, before an ACME order, whether a name resolves to Ferry, e.g. 127.0.0.1:53 (env FERRY_DNS_RESOLVER; default: the system's resolver).")
    String dnsResolver;

    @Option(names = "--public-address", paramLabel = "ADDRESS", split = ",", description = "An address clients reach Ferry's routers at; repeat it or separate by commas; a name is ordered over ACME only once every address it resolves to is one of these (env FERRY_PUBLIC_ADDRESS; default: the addresses the apps' domain resolves to).")
    List<String> publicAddress;

    @Option(names = "--acme-renew-remaining", paramLabel = "PART", description = "Renew an ACME certificate when less than this part of its lifetime is left (env FERRY_ACME_RENEW_REMAINING; default 0.333).")
    String acmeRenewRemaining;

    @Option(names = "--acme-dns-provider", paramLabel = "KIND", description = "Also get one wildcard certificate *.<domain> (and <domain>) over ACME's DNS-01 through this DNS provider, served for every app's default host; rfc2136 is the one there is: dynamic updates signed with TSIG, as BIND, Knot and PowerDNS take them; needs ACME on (env FERRY_ACME_DNS_PROVIDER; default none: each host gets its own certificate over HTTP-01).")
    String acmeDnsProvider;

    @Option(names = "--acme-dns-server", paramLabel = "HOST[:PORT]", description = "With --acme-dns-provider rfc2136, the zone's primary server, which takes the updates and is asked whether a record is there (env FERRY_ACME_DNS_SERVER; port 53 unless given).")
    String acmeDnsServer;

    @Option(names = "--acme-dns-zone", paramLabel = "ZONE", description = "With --acme-dns-provider rfc2136, the zone that _acme-challenge.<domain> is in (env FERRY_ACME_DNS_ZONE; default the apps' domain).")
    String acmeDnsZone;

    @Option(names = "--acme-dns-tsig-file", paramLabel = "FILE", description = "With --acme-dns-provider rfc2136, the TSIG key that signs the updates, in BIND's form as tsig-keygen writes it: key \"NAME\" { algorithm hmac-sha256; secret \"BASE64\"; }; (env FERRY_ACME_DNS_TSIG_FILE).")
    Path acmeDnsTsigFile;
}
