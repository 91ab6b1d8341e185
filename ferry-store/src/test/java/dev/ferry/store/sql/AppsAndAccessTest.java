package dev.ferry.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.store.App;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.AppNameTaken;
import dev.ferry.core.store.AppNotFound;
import dev.ferry.core.store.Collaborator;
import dev.ferry.core.store.CollaboratorExists;
import dev.ferry.core.store.CollaboratorNotFound;
import dev.ferry.core.store.OwnerNotRemovable;
import dev.ferry.core.store.User;
import dev.ferry.core.store.UserId;
import dev.ferry.core.store.UserNotFound;
import org.junit.jupiter.api.Test;

class AppsAndAccessTest extends StoreTestSupport {

    @Test
    void createsAnAppOwnedByItsCreator() {
        App app = store.createApp(admin.id(), name("hello"));

        assertThat(app.name()).isEqualTo(name("hello"));
        assertThat(app.owner()).isEqualTo(admin.id());
        assertThat(app.createdAt()).isEqualTo(clock.instant());
        assertThat(store.app(name("hello"))).contains(app);
        assertThat(store.app(name("absent"))).isEmpty();
    }

    @Test
    void refusesATakenNameEvenForAnotherUser() {
        User dev = newUser("dev@example.com");
        store.createApp(admin.id(), name("hello"));

        assertThatThrownBy(() -> store.createApp(dev.id(), name("hello")))
                .isInstanceOf(AppNameTaken.class)
                .hasMessage("The name hello is already taken by another app.");
        assertThat(store.apps(dev.id())).isEmpty();
    }

    @Test
    void refusesAnUnknownOwner() {
        assertThatThrownBy(() -> store.createApp(new UserId(77), name("hello"))).isInstanceOf(UserNotFound.class);
        assertThat(store.allApps()).isEmpty();
    }

    @Test
    void givesAReadableRandomNameWhenNoneIsAsked() {
        App first = store.createAppWithRandomName(admin.id());
        App second = store.createAppWithRandomName(admin.id());

        assertThat(first.name().value()).matches("[a-z]+-[a-z]+-[0-9]{4}");
        assertThat(second.name()).isNotEqualTo(first.name());
        assertThat(store.allApps()).extracting(App::name).containsExactlyInAnyOrder(first.name(), second.name());
    }

    @Test
    void listsTheAppsAUserOwnsOrCollaboratesOn() {
        User dev = newUser("dev@example.com");
        store.createApp(admin.id(), name("zeta"));
        store.createApp(admin.id(), name("alpha"));
        store.createApp(dev.id(), name("devs-own"));
        store.addCollaborator(name("zeta"), "dev@example.com", admin.id());

        assertThat(store.apps(dev.id())).extracting(App::name).containsExactly(name("devs-own"), name("zeta"));
        assertThat(store.apps(admin.id())).extracting(App::name).containsExactly(name("alpha"), name("zeta"));
        assertThat(store.allApps()).hasSize(3);
    }

    @Test
    void grantsAndTakesAwayAccess() {
        User dev = newUser("dev@example.com");
        User stranger = newUser("stranger@example.com");
        store.createApp(admin.id(), name("hello"));

        assertThat(store.canAccess(admin.id(), name("hello"))).isTrue();
        assertThat(store.canAccess(dev.id(), name("hello"))).isFalse();

        Collaborator added = store.addCollaborator(name("hello"), "DEV@example.com", admin.id());
        assertThat(added.user()).isEqualTo(dev);
        assertThat(added.owner()).isFalse();
        assertThat(store.canAccess(dev.id(), name("hello"))).isTrue();
        assertThat(store.canAccess(stranger.id(), name("hello"))).isFalse();
        assertThat(store.collaborators(name("hello"))).extracting(c -> c.user().email(), Collaborator::owner)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("admin@example.com", true),
                        org.assertj.core.groups.Tuple.tuple("dev@example.com", false));

        store.removeCollaborator(name("hello"), "dev@example.com", admin.id());
        assertThat(store.canAccess(dev.id(), name("hello"))).isFalse();
        assertThat(store.canAccess(dev.id(), name("no-such-app"))).isFalse();
    }

    @Test
    void namesEachCollaboratorFailure() {
        newUser("dev@example.com");
        store.createApp(admin.id(), name("hello"));
        store.addCollaborator(name("hello"), "dev@example.com", admin.id());

        assertThatThrownBy(() -> store.addCollaborator(name("hello"), "dev@example.com", admin.id()))
                .isInstanceOf(CollaboratorExists.class);
        assertThatThrownBy(() -> store.addCollaborator(name("hello"), "admin@example.com", admin.id()))
                .isInstanceOf(CollaboratorExists.class).hasMessage("admin@example.com already has access to hello.");
        assertThatThrownBy(() -> store.addCollaborator(name("hello"), "nobody@example.com", admin.id()))
                .isInstanceOf(UserNotFound.class);
        assertThatThrownBy(() -> store.addCollaborator(name("nope"), "dev@example.com", admin.id()))
                .isInstanceOf(AppNotFound.class).hasMessage("Couldn't find an app named nope.");
        assertThatThrownBy(() -> store.removeCollaborator(name("hello"), "admin@example.com", admin.id()))
                .isInstanceOf(OwnerNotRemovable.class);
        assertThatThrownBy(() -> store.removeCollaborator(name("hello"), "nobody@example.com", admin.id()))
                .isInstanceOf(CollaboratorNotFound.class);
        assertThat(store.collaborators(name("hello"))).hasSize(2);
    }

    @Test
    void appNameValidationIsHerokus() {
        assertThat(AppName.isValid("ab")).isFalse();
        assertThat(AppName.isValid("a".repeat(31))).isFalse();
        assertThat(AppName.isValid("1abc")).isFalse();
        assertThat(AppName.isValid("Hello")).isFalse();
        assertThat(AppName.isValid("hello-")).isFalse();
        assertThat(AppName.isValid("hello_world")).isFalse();
        assertThat(AppName.isValid("abc")).isTrue();
        assertThat(AppName.isValid("a" + "-1".repeat(14) + "x")).isTrue();
        assertThatThrownBy(() -> AppName.of("My App"))
                .hasMessage("app name 'My App' must start with a letter, end with a letter or digit,"
                        + " and contain only lowercase letters, digits and dashes");
    }
}
