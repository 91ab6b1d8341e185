package dev.ferry.control.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.AppNameTaken;
import dev.ferry.core.store.AppNotFound;
import dev.ferry.core.store.CannotRollBack;
import dev.ferry.core.store.CollaboratorExists;
import dev.ferry.core.store.CollaboratorNotFound;
import dev.ferry.core.store.DomainNotFound;
import dev.ferry.core.store.DomainTaken;
import dev.ferry.core.store.OwnerNotRemovable;
import dev.ferry.core.store.ReleaseAlreadyFinal;
import dev.ferry.core.store.ReleaseNotFound;
import dev.ferry.core.store.ReleaseStatus;
import dev.ferry.core.store.TokenNotFound;
import dev.ferry.core.store.UnknownProcessType;
import dev.ferry.core.store.UserExists;
import dev.ferry.core.store.UserNotFound;
import org.junit.jupiter.api.Test;

class ApiErrorMapperTest {

    private static final AppName APP = AppName.of("hello");

    @Test
    void answersWhatDoesNotExistWith404() {
        assertThat(ApiErrorMapper.statusOf(new AppNotFound(APP))).isEqualTo(404);
        assertThat(ApiErrorMapper.statusOf(new DomainNotFound(APP, "a.example"))).isEqualTo(404);
        assertThat(ApiErrorMapper.statusOf(new ReleaseNotFound(APP, 3))).isEqualTo(404);
        assertThat(ApiErrorMapper.statusOf(new TokenNotFound("abcd"))).isEqualTo(404);
        assertThat(ApiErrorMapper.statusOf(new UserNotFound("a@b"))).isEqualTo(404);
        assertThat(ApiErrorMapper.statusOf(new CollaboratorNotFound(APP, "a@b"))).isEqualTo(404);
    }

    @Test
    void answersConflictsWith409AndImpossibleProcessTypesWith422() {
        assertThat(ApiErrorMapper.statusOf(new AppNameTaken(APP))).isEqualTo(409);
        assertThat(ApiErrorMapper.statusOf(new DomainTaken("a.example"))).isEqualTo(409);
        assertThat(ApiErrorMapper.statusOf(new UserExists("a@b"))).isEqualTo(409);
        assertThat(ApiErrorMapper.statusOf(new CollaboratorExists(APP, "a@b"))).isEqualTo(409);
        assertThat(ApiErrorMapper.statusOf(new OwnerNotRemovable(APP, "a@b"))).isEqualTo(409);
        assertThat(ApiErrorMapper.statusOf(new CannotRollBack(APP, "no earlier release"))).isEqualTo(409);
        assertThat(ApiErrorMapper.statusOf(new ReleaseAlreadyFinal(APP, 1, ReleaseStatus.SUCCEEDED))).isEqualTo(409);
        assertThat(ApiErrorMapper.statusOf(new UnknownProcessType(APP, "worker"))).isEqualTo(422);
    }
}
