package dev.ferry.build.buildpack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostToolsTest {

    @TempDir
    Path dir;

    @Test
    void namesTheJdkOfJavaHomeWhichTheBuildToolsRunOnRatherThanTheJavaOnPath() throws Exception {
        Path onPath = jdk("old", "17.0.9");
        Path javaHome = jdk("new", "25.0.1");
        String path = onPath.resolve("bin") + ":/usr/bin";

        assertThat(HostTools.javaMajor(javaHome.toString(), path)).hasValue(25);
        assertThat(HostTools.javaMajor(null, path)).hasValue(17);
        assertThat(HostTools.javaMajor(dir.resolve("nowhere").toString(), path)).hasValue(17);
    }

    private Path jdk(String name, String version) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name).resolve("bin")).getParent();
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = Files.writeString(home.resolve("bin/java"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

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
