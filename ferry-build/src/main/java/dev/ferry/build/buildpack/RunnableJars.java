package dev.ferry.build.buildpack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Finds the jar a Java build made to be run: in one directory ({@code target/}, {@code build/libs/}), a jar
 * whose manifest names a {@code Main-Class}, preferring a Spring Boot jar; sources, javadoc, test and
 * Gradle's {@code -plain} jars are never picked. Ties go to the first name in order.
 */
final class RunnableJars {

    private RunnableJars() {
    }

    /**
     * The runnable jar's file name in {@code src/relativeDir}; empty when there is none, or when the build made
     * any part of that path a symbolic link (Ferry reads these files itself, outside the build's sandbox).
     */
    static Optional<String> pick(Path src, String relativeDir) throws IOException {
        Path dir = src;
        for (Path part : Path.of(relativeDir)) {
            dir = dir.resolve(part);
            if (Files.isSymbolicLink(dir)) {
                return Optional.empty();
            }
        }
        return pick(dir);
    }

    /** The runnable jar's file name in {@code dir} (links not followed); empty when there is none. */
    static Optional<String> pick(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        List<Path> jars;
        try (Stream<Path> list = Files.list(dir)) {
            jars = list.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                            && p.getFileName().toString().endsWith(".jar"))
                    .filter(p -> !p.getFileName().toString().matches(".*-(sources|javadoc|tests|test|plain)\\.jar"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        }
        List<Path> runnable = new ArrayList<>();
        for (Path jar : jars) {
            Optional<Manifest> manifest = manifest(jar);
            if (manifest.isEmpty() || manifest.get().getMainAttributes().getValue(Attributes.Name.MAIN_CLASS) == null) {
                continue;
            }
            if (isSpringBoot(manifest.get())) {
                return Optional.of(jar.getFileName().toString());
            }
            runnable.add(jar);
        }
        return runnable.stream().findFirst().map(p -> p.getFileName().toString());
    }

    private static boolean isSpringBoot(Manifest manifest) {
        Attributes main = manifest.getMainAttributes();
        String mainClass = main.getValue(Attributes.Name.MAIN_CLASS);
        return main.getValue("Spring-Boot-Version") != null || main.getValue("Start-Class") != null
                || mainClass.startsWith("org.springframework.boot.loader");
    }

    private static Optional<Manifest> manifest(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return Optional.ofNullable(file.getManifest());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
