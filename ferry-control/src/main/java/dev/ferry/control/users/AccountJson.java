package dev.ferry.control.users;

import dev.ferry.core.api.TokenInfo;
import dev.ferry.core.api.UserInfo;
import dev.ferry.core.store.ApiToken;
import dev.ferry.core.store.NewToken;
import dev.ferry.core.store.NewUser;
import dev.ferry.core.store.User;
import java.time.Instant;

/** Users and tokens as the API shows them; a token's secret appears only in the answer that created it. */
final class AccountJson {

    private AccountJson() {
    }

    /** {@link UserInfo} without a token. */
    static UserInfo user(User u) {
        return new UserInfo(u.id().value(), u.email(), u.admin(), u.createdAt().toString(), null, null);
    }

    /** {@link UserInfo} with the first token's secret and id, shown once. */
    static UserInfo newUser(NewUser created) {
        User u = created.user();
        return new UserInfo(u.id().value(), u.email(), u.admin(), u.createdAt().toString(),
                created.firstToken().secret(), created.firstToken().token().id());
    }

    /** {@link TokenInfo} without its secret. */
    static TokenInfo token(ApiToken t) {
        return new TokenInfo(t.id(), t.description(), t.createdAt().toString(),
                t.lastUsedAt().map(Instant::toString).orElse(null), null);
    }

    /** {@link TokenInfo} with its secret, shown once. */
    static TokenInfo newToken(NewToken t) {
        TokenInfo token = token(t.token());
        return new TokenInfo(token.id(), token.description(), token.createdAt(), token.lastUsedAt(), t.secret());
    }
}
