package dev.ferry.build.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.store.AppName;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildScheduleTest {

    private final List<String> notes = new ArrayList<>();

    private static AppName app(String name) {
        return AppName.of(name);
    }

    @Test
    void startsTheOldestJobsOfFreeAppsUpToTheLimit() {
        BuildSchedule<String> schedule = new BuildSchedule<>(2);
        schedule.add("a1", app("alpha"), notes::add);
        schedule.add("a2", app("alpha"), notes::add);
        schedule.add("b1", app("beta"), notes::add);
        schedule.add("c1", app("gamma"), notes::add);

        assertThat(schedule.startable()).containsExactly("a1", "b1");
        assertThat(schedule.startable()).isEmpty();

        schedule.done(app("beta"));
        assertThat(schedule.startable()).as("alpha is still busy, so gamma goes first").containsExactly("c1");
        schedule.done(app("alpha"));
        assertThat(schedule.startable()).containsExactly("a2");
        assertThat(notes).as("nothing ran yet when they were added").containsExactly(
                "Waiting for the build of alpha ahead of this one");
    }

    @Test
    void saysWhatAJobWaitsFor() {
        BuildSchedule<String> schedule = new BuildSchedule<>(1);
        schedule.add("a1", app("alpha"), notes::add);
        assertThat(notes).isEmpty();
        assertThat(schedule.startable()).containsExactly("a1");
        schedule.add("b1", app("beta"), notes::add);
        schedule.add("c1", app("gamma"), notes::add);

        assertThat(notes).containsExactly("Waiting: 1 build ahead of this one", "Waiting: 2 builds ahead of this one");
    }

    @Test
    void handsOutNothingOnceClosedAndReturnsTheWaitingJobs() {
        BuildSchedule<String> schedule = new BuildSchedule<>(1);
        schedule.add("a1", app("alpha"), notes::add);
        schedule.add("b1", app("beta"), notes::add);
        assertThat(schedule.startable()).containsExactly("a1");

        assertThat(schedule.close()).containsExactly("b1");
        schedule.done(app("alpha"));
        assertThat(schedule.startable()).isEmpty();
        assertThat(schedule.add("c1", app("gamma"), notes::add)).isFalse();
    }
}
