package dev.ferry.server.build;

import dev.ferry.core.build.KeyAccess;
import dev.ferry.core.build.PushAccess;
import dev.ferry.core.store.AccountStore;
import dev.ferry.core.store.App;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.AppStore;
import dev.ferry.core.store.User;
import dev.ferry.core.store.UserId;
import java.util.Optional;

/**
 * {@link PushAccess} and {@link KeyAccess} over the store's {@link AccountStore} and {@link AppStore}, with the
 * API's rules: the token (or the SSH key) must belong to a user, the app must exist, and the user must own it,
 * collaborate on it or be an admin; an app the user may not use is refused exactly like one that does not exist.
 */
public final class StorePushAccess implements PushAccess, KeyAccess {

    private final AccountStore accounts;
    private final AppStore apps;

    public StorePushAccess(AccountStore accounts, AppStore apps) {
        this.accounts = accounts;
        this.apps = apps;
    }

    @Override
    public Decision decide(String token, String app) {
        Optional<User> user = token == null || token.isEmpty() ? Optional.empty() : accounts.authenticate(token);
        if (user.isEmpty()) {
            return new Denied(Reason.UNAUTHENTICATED, "Invalid credentials: use a valid Ferry API token as the password.");
        }
        return decide(user.get(), app);
    }

    @Override
    public Optional<UserId> userByKey(String fingerprint) {
        return accounts.userBySshKey(fingerprint).map(User::id);
    }

    @Override
    public Decision decide(UserId userId, String app) {
        Optional<User> user = accounts.user(userId);
        if (user.isEmpty()) {
            return new Denied(Reason.UNAUTHENTICATED, "Your SSH key no longer belongs to a Ferry user.");
        }
        return decide(user.get(), app);
    }

    private Decision decide(User user, String app) {
        Optional<App> found = AppName.isValid(app) ? apps.app(AppName.of(app)) : Optional.empty();
        // Another user's app is answered like a missing one, so that git does not tell which names exist.
        if (found.isEmpty() || !(user.admin() || apps.canAccess(user.id(), found.get().name()))) {
            return new Denied(Reason.UNKNOWN_APP, "There is no app named " + app + " (create it with: ferry apps:create " + app + ").");
        }
        return new Allowed(user.id(), found.get().name());
    }
}
