package dev.ferry.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.store.Build;
import dev.ferry.core.store.BuildId;
import dev.ferry.core.store.BuildNotFound;
import dev.ferry.core.store.BuildStatus;
import dev.ferry.core.store.BuildStatusConflict;
import dev.ferry.core.store.Event;
import dev.ferry.core.store.EventAction;
import dev.ferry.core.store.Page;
import dev.ferry.core.store.Paged;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BuildsTest extends StoreTestSupport {

    private static final String COMMIT = "1a2b3c4d5e6f7a8b9c0d1a2b3c4d5e6f7a8b9c0d";

    @BeforeEach
    void createApps() {
        store.createApp(admin.id(), name("hello"));
        store.createApp(admin.id(), name("other"));
    }

    @Test
    void queuesRunsAndFinishesABuildRecordingEachStepAsAnEvent() {
        Build queued = store.enqueueBuild(name("hello"), COMMIT, "main", admin.id());
        assertThat(queued.status()).isEqualTo(BuildStatus.QUEUED);
        assertThat(queued.id().toString()).startsWith("b-");
        assertThat(queued.startedAt()).isEmpty();

        clock.advance(java.time.Duration.ofMillis(1000));
        Build running = store.startBuild(queued.id());
        assertThat(running.status()).isEqualTo(BuildStatus.RUNNING);
        assertThat(running.startedAt()).contains(queued.createdAt().plusMillis(1000));

        clock.advance(java.time.Duration.ofMillis(2000));
        Build done = store.succeedBuild(queued.id(), "Procfile");
        assertThat(done.status()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(done.buildpack()).contains("Procfile");
        assertThat(done.finishedAt()).contains(queued.createdAt().plusMillis(3000));
        assertThat(done.releaseVersion()).isEmpty();

        Build released = store.recordBuildRelease(queued.id(), 4);
        assertThat(released.releaseVersion()).contains(4);
        assertThat(store.build(name("hello"), queued.id())).contains(released);

        List<Event> events = store.events(name("hello"), Page.FIRST).items();
        assertThat(events).extracting(Event::action).startsWith(EventAction.BUILD_RELEASE, EventAction.BUILD_FINISH,
                EventAction.BUILD_START, EventAction.BUILD_QUEUE);
        assertThat(events.get(3).detail()).isEqualTo("Queue build " + queued.id() + " of 1a2b3c4 from main");
        assertThat(events.get(3).actor()).contains(admin.id());
    }

    @Test
    void keepsTheReasonOfAFailureAndRefusesMovesFromAFinalStatus() {
        BuildId id = store.enqueueBuild(name("hello"), COMMIT, "main", admin.id()).id();
        store.startBuild(id);
        Build failed = store.failBuild(id, "Procfile line 2: expected 'type: command'");

        assertThat(failed.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(failed.failure()).contains("Procfile line 2: expected 'type: command'");
        assertThatThrownBy(() -> store.startBuild(id)).isInstanceOf(BuildStatusConflict.class)
                .hasMessage("Build " + id + " cannot start: it is failed.");
        assertThatThrownBy(() -> store.succeedBuild(id, "Procfile")).isInstanceOf(BuildStatusConflict.class);
        assertThatThrownBy(() -> store.failBuild(id, "again")).isInstanceOf(BuildStatusConflict.class);
        assertThatThrownBy(() -> store.recordBuildRelease(id, 1)).isInstanceOf(BuildStatusConflict.class);
        assertThatThrownBy(() -> store.startBuild(new BuildId(999))).isInstanceOf(BuildNotFound.class);
    }

    @Test
    void listsAnAppsBuildsNewestFirstInPagesAndHidesOtherAppsBuilds() {
        BuildId first = store.enqueueBuild(name("hello"), COMMIT, "main", admin.id()).id();
        BuildId other = store.enqueueBuild(name("other"), COMMIT, "main", admin.id()).id();
        BuildId second = store.enqueueBuild(name("hello"), COMMIT, "master", admin.id()).id();
        BuildId third = store.enqueueBuild(name("hello"), COMMIT, "main", admin.id()).id();

        Paged<Build> page1 = store.builds(name("hello"), Page.first(2));
        assertThat(page1.items()).extracting(Build::id).containsExactly(third, second);
        Paged<Build> page2 = store.builds(name("hello"), page1.next().orElseThrow());
        assertThat(page2.items()).extracting(Build::id).containsExactly(first);
        assertThat(page2.next()).isEmpty();
        assertThat(store.build(name("hello"), other)).isEmpty();
        assertThat(store.build(name("other"), other)).isPresent();
    }

    @Test
    void findsUnfinishedBuildsOldestFirst() {
        BuildId running = store.enqueueBuild(name("hello"), COMMIT, "main", admin.id()).id();
        store.startBuild(running);
        BuildId done = store.enqueueBuild(name("other"), COMMIT, "main", admin.id()).id();
        store.failBuild(done, "no buildpack detected");
        BuildId queued = store.enqueueBuild(name("other"), COMMIT, "main", admin.id()).id();

        assertThat(store.unfinishedBuilds()).extracting(Build::id).containsExactly(running, queued);
    }

    @Test
    void refusesABadCommitAndRemovesBuildsWithTheirApp() {
        assertThatThrownBy(() -> store.enqueueBuild(name("hello"), "abc", "main", admin.id()))
                .isInstanceOf(IllegalArgumentException.class);
        BuildId id = store.enqueueBuild(name("hello"), COMMIT, "main", admin.id()).id();
        store.destroyApp(name("hello"), admin.id());
        assertThat(store.unfinishedBuilds()).isEmpty();
        assertThatThrownBy(() -> store.startBuild(id)).isInstanceOf(BuildNotFound.class);
    }

    @Test
    void readsBuildIdsWithOrWithoutTheirPrefix() {
        assertThat(BuildId.parse("b-17")).isEqualTo(new BuildId(17));
        assertThat(BuildId.parse("17")).isEqualTo(new BuildId(17));
        assertThat(BuildId.isValid("b-")).isFalse();
        assertThat(BuildId.isValid("b-0")).isFalse();
        assertThat(BuildId.isValid("x-1")).isFalse();
    }
}
