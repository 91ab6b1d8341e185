package dev.ferry.api.client;

import dev.ferry.core.api.SshInfo;
import dev.ferry.core.api.SshKeyInfo;
import dev.ferry.core.api.SshKeyRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** The typed calls about the caller's SSH keys (for {@code git push} over SSH): the list, adding, removing. */
public final class KeyCalls {

    private static final String FINGERPRINT_PREFIX = "SHA256:";

    private final ControlApiClient api;

    public KeyCalls(ControlApiClient api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** {@code GET /api/keys}. */
    public List<SshKeyInfo> list() {
        return Arrays.asList(api.call("GET", "/api/keys", null, SshKeyInfo[].class));
    }

    /** {@code POST /api/keys}: the public key line as read from its file. */
    public SshKeyInfo add(String publicKey) {
        return api.call("POST", "/api/keys", new SshKeyRequest(publicKey), SshKeyInfo.class);
    }

    /** {@code GET /api/ssh}: whether git over SSH is on, its port and host key. */
    public SshInfo ssh() {
        return api.call("GET", "/api/ssh", null, SshInfo.class);
    }

    /**
     * {@code DELETE /api/keys/{key}}, by fingerprint or comment. A fingerprint's base64 may hold {@code /}, which
     * cannot stand in a path segment, so it is sent as base64url.
     */
    public void remove(String fingerprintOrComment) {
        String sent = fingerprintOrComment.startsWith(FINGERPRINT_PREFIX)
                ? fingerprintOrComment.replace('+', '-').replace('/', '_') : fingerprintOrComment;
        api.call("DELETE", "/api/keys/" + AppPath.segment(sent), null);
    }
}
