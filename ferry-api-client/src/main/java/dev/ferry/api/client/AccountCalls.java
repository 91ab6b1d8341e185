package dev.ferry.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.core.api.TokenInfo;
import dev.ferry.core.api.TokenRequest;
import dev.ferry.core.api.UserInfo;
import dev.ferry.core.api.UserRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** The typed calls about accounts: the admin's users, and the caller's API tokens. */
public final class AccountCalls {

    private final ControlApiClient api;

    public AccountCalls(ControlApiClient api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** {@code GET /api/users} (admins only). */
    public List<UserInfo> users() {
        return Arrays.asList(api.call("GET", "/api/users", null, UserInfo[].class));
    }

    /** {@code POST /api/users} (admins only): the user with their first token's secret. */
    public UserInfo addUser(String email, boolean admin) {
        return api.call("POST", "/api/users", new UserRequest(email, admin), UserInfo.class);
    }

    /** {@code GET /api/tokens}, as the API answered it (to print) and read as records. */
    public Read<List<TokenInfo>> tokens() {
        JsonNode answer = api.call("GET", "/api/tokens", null).body();
        return new Read<>(answer, Arrays.asList(ApiJson.read(answer, TokenInfo[].class)));
    }

    /** {@code POST /api/tokens}, as the API answered it (to print) and read as a record with its secret. */
    public Read<TokenInfo> createToken(String description) {
        JsonNode answer = api.call("POST", "/api/tokens", new TokenRequest(description)).body();
        return new Read<>(answer, ApiJson.read(answer, TokenInfo.class));
    }

    /** {@code DELETE /api/tokens/{id}}. */
    public void revokeToken(String id) {
        api.call("DELETE", "/api/tokens/" + AppPath.segment(id), null);
    }
}
