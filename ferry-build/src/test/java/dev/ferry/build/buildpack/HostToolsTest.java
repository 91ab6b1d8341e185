package dev.ferry.build.buildpack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostToolsTest {

    @Test
    void judgesNodeEngineRangesOnMajorVersions() {
        assertThat(HostTools.meets(">=18", 20)).isTrue();
        assertThat(HostTools.meets(">=22.1.0", 20)).isFalse();
        assertThat(HostTools.meets("18.x", 20)).isFalse();
        assertThat(HostTools.meets("^20.1.0", 20)).isTrue();
        assertThat(HostTools.meets("16 || 20", 20)).isTrue();
        assertThat(HostTools.meets("<20", 20)).isFalse();
        assertThat(HostTools.meets("<=20", 20)).isTrue();
        assertThat(HostTools.meets("*", 20)).isTrue();
        assertThat(HostTools.meets("lts/iron", 20)).isTrue();
    }

    @Test
    void readsJavaMajorVersionsInBothSpellings() {
        assertThat(JavaPins.major("1.8").getAsInt()).isEqualTo(8);
        assertThat(JavaPins.major("21.0.2").getAsInt()).isEqualTo(21);
        assertThat(JavaPins.major("17").getAsInt()).isEqualTo(17);
    }

    @Test
    void findsTheHostsJavaVersionFromItsReleaseFile() {
        assertThat(HostTools.javaMajor()).isPresent();
        assertThat(HostTools.javaMajor().getAsInt()).isGreaterThanOrEqualTo(8);
    }
}
