package dev.ferry.control.keys;

import dev.ferry.control.ControlApi;
import dev.ferry.control.auth.Caller;
import dev.ferry.control.error.InvalidInput;
import dev.ferry.control.json.Json;
import dev.ferry.control.json.RequestBody;
import dev.ferry.core.api.SshInfo;
import dev.ferry.core.api.SshKeyInfo;
import dev.ferry.core.api.SshKeyRequest;
import dev.ferry.core.access.AccessChange;
import dev.ferry.core.access.AccessChanges;
import dev.ferry.core.store.AccountStore;
import dev.ferry.core.store.SshKey;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.Optional;

/**
 * The caller's own SSH public keys, which git over SSH authenticates: {@code GET /api/keys} (oldest first),
 * {@code POST /api/keys {"publicKey"}} (one line of a {@code .pub} file; 400 for a malformed or unsupported
 * key, 409 {@code key_exists} for a key registered already by anyone) and
 * {@code DELETE /api/keys/{key}} by fingerprint or comment (404 {@code key_not_found}). A fingerprint may be
 * written with base64url's {@code -} and {@code _} for {@code +} and {@code /}, which cannot stand in a path.
 * Also {@code GET /api/ssh}: whether git over SSH is on, its port and host key fingerprint, which the CLI
 * needs for {@code git:remote --ssh}.
 */
public final class KeysApi implements ControlApi {

    /**
     * Where git over SSH listens.
     *
     * @param port               the port it listens on
     * @param hostKeyFingerprint its host key's fingerprint, {@code SHA256:...}
     */
    public record SshEndpoint(int port, String hostKeyFingerprint) {
        public SshEndpoint {
            Objects.requireNonNull(hostKeyFingerprint, "hostKeyFingerprint");
        }
    }

    private static final String FINGERPRINT_PREFIX = "SHA256:";

    private final AccountStore store;
    private final Optional<SshEndpoint> ssh;
    private final AccessChanges changes;

    /** @param ssh where git over SSH listens; empty when it is off */
    public KeysApi(AccountStore store, Optional<SshEndpoint> ssh) {
        this(store, ssh, AccessChanges.NONE);
    }

    /** @param changes told of each removed key, so that the SSH sessions it opened end */
    public KeysApi(AccountStore store, Optional<SshEndpoint> ssh, AccessChanges changes) {
        this.store = Objects.requireNonNull(store, "store");
        this.ssh = Objects.requireNonNull(ssh, "ssh");
        this.changes = Objects.requireNonNull(changes, "changes");
    }

    @Override
    public void register(RoutesConfig r) {
        r.get("/api/keys", this::list);
        r.post("/api/keys", this::add);
        r.delete("/api/keys/{key}", this::remove);
        r.get("/api/ssh", this::sshInfo);
    }

    private void list(Context ctx) {
        Json.ok(ctx, store.sshKeys(Caller.of(ctx).id()).stream().map(KeysApi::json).toList());
    }

    private void add(Context ctx) {
        String publicKey = RequestBody.required(RequestBody.parse(ctx.body(), SshKeyRequest.class).publicKey(), "publicKey");
        SshKey key;
        try {
            key = store.addSshKey(Caller.of(ctx).id(), publicKey);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
        Json.answer(ctx, 201, json(key));
    }

    private void remove(Context ctx) {
        String key = ctx.pathParam("key");
        if (key.startsWith(FINGERPRINT_PREFIX)) {
            key = key.replace('-', '+').replace('_', '/');
        }
        try {
            store.removeSshKey(Caller.of(ctx).id(), key);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
        changes.announce(new AccessChange.KeyRemoved(Caller.of(ctx).id()));
        ctx.status(204);
    }

    private void sshInfo(Context ctx) {
        Json.ok(ctx, ssh.map(s -> new SshInfo(true, s.port(), s.hostKeyFingerprint()))
                .orElse(new SshInfo(false, null, null)));
    }

    /** {@link SshKeyInfo}. */
    static SshKeyInfo json(SshKey k) {
        return new SshKeyInfo(k.fingerprint(), k.type(), k.comment(), k.addedAt().toString());
    }
}
