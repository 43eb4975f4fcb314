package com.flightbooking.localinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which JDK runs the apps, and the AOT cache's life: trained once per jar and JDK, used after, trained anew. */
class AppJvmTest {

    @TempDir
    Path dir;

    @Test
    void withOnlyAnOlderJdkTheAppRunsOnTheCurrentJavaWithoutCacheFlags() throws IOException {
        Path current = jdk("current", "17.0.15");
        Path jvms = Files.createDirectories(dir.resolve("jvm"));
        jdk("jvm/java-17", "17.0.15");

        AppJvm jvm = AppJvm.detect(Map.of(), current, jvms);

        assertThat(jvm.aotCache()).isFalse();
        assertThat(jvm.launch(app("a"), List.of("-Xmx256m")).command()).containsExactly(
                current.resolve("bin/java").toString(), "-XX:MaxInlineLevel=9", "-XX:InlineSmallCode=1000", "-Xmx256m",
                "-jar", app("a").toString());
    }

    @Test
    void flightsJavaOptsComeAfterTheJitOptionsSoTheyCanSetThemBack() throws IOException {
        AppJvm jvm = AppJvm.detect(Map.of(AppJvm.JAVA_OPTS_VARIABLE, "-XX:MaxInlineLevel=15"), jdk("current", "17.0.15"),
                dir.resolve("none"));

        List<String> command = jvm.launch(app("a"), List.of()).command();

        assertThat(command.lastIndexOf("-XX:MaxInlineLevel=15")).isGreaterThan(command.indexOf("-XX:MaxInlineLevel=9"));
    }

    @Test
    void aJdk25OrLaterIsFoundAmongTheInstalledOnesAndTheConfiguredOneWins() throws IOException {
        Path current = jdk("current", "17.0.15");
        Path jvms = Files.createDirectories(dir.resolve("jvm"));
        jdk("jvm/java-17", "17.0.15");
        Path temurin25 = jdk("jvm/temurin-25", "25.0.3");
        Path configured = jdk("configured", "26");

        assertThat(AppJvm.detect(Map.of(), current, jvms).launch(app("a"), List.of()).command().get(0))
                .isEqualTo(temurin25.resolve("bin/java").toString());
        assertThat(AppJvm.detect(Map.of(AppJvm.JAVA_HOME_VARIABLE, configured.toString()), current, jvms)
                .launch(app("a"), List.of()).command().get(0)).isEqualTo(configured.resolve("bin/java").toString());
        assertThat(AppJvm.detect(Map.of(AppJvm.JAVA_HOME_VARIABLE, current.toString()), current, jvms).aotCache())
                .isFalse();
    }

    @Test
    void theFirstRunTrainsTheCacheTheNextOnesUseItAndARebuiltJarTrainsAgain() throws IOException {
        AppJvm jvm = AppJvm.detect(Map.of(AppJvm.JAVA_OPTS_VARIABLE, " -XX:TieredStopAtLevel=1 "),
                jdk("current", "25.0.3"), dir.resolve("none"));
        Path jar = app("a");

        AppJvm.Launch first = jvm.launch(jar, List.of("-Xmx256m"));
        assertThat(first.training()).isPresent();
        Path output = first.training().orElseThrow().output();
        assertThat(first.command()).contains("-XX:AOTCacheOutput=" + output, "-XX:TieredStopAtLevel=1", "-Xmx256m");
        // A run that was killed leaves no cache, nor does one stopped while writing it: the next one trains.
        assertThat(first.training().orElseThrow().complete()).isFalse();
        Files.writeString(output, "half a cache");
        first.training().orElseThrow().abandon();
        assertThat(output).doesNotExist();
        assertThat(jvm.launch(jar, List.of()).training()).isPresent();

        Files.writeString(output, "cache");
        assertThat(first.training().orElseThrow().complete()).isTrue();
        AppJvm.Launch second = jvm.launch(jar, List.of());
        assertThat(second.training()).isEmpty();
        assertThat(second.command()).contains("-XX:AOTCache=" + jvm.cacheFile(jar));

        Path library = jar.resolveSibling("lib/main/library.jar");
        Files.writeString(library, "rebuilt");
        Files.setLastModifiedTime(library, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        AppJvm.Launch afterRebuild = jvm.launch(jar, List.of());
        assertThat(afterRebuild.training()).isPresent();
        Files.writeString(afterRebuild.training().orElseThrow().output(), "new cache");
        afterRebuild.training().orElseThrow().complete();
        try (var files = Files.list(jar.getParent())) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".aot")))
                    .containsExactly(jvm.cacheFile(jar).getFileName().toString());
        }
    }

    @Test
    void aFastJarIsToldThatItsCacheHoldsOnlyTheJdksClasses() throws IOException {
        AppJvm jvm = AppJvm.detect(Map.of(), jdk("current", "25.0.3"), dir.resolve("none"));

        assertThat(jvm.launch(packaged("fast", "io.quarkus.bootstrap.runner.QuarkusEntryPoint"), List.of()).description())
                .contains("packaged as fast-jar, so the cache holds the JDK's classes only");
        assertThat(jvm.launch(packaged("aot", "io.quarkus.runner.GeneratedMain"), List.of()).description())
                .contains("training its AOT cache").doesNotContain("fast-jar");
    }

    private Path jdk(String name, String version) throws IOException {
        Path home = Files.createDirectories(dir.resolve(name));
        Files.createDirectories(home.resolve("bin"));
        Path java = Files.writeString(home.resolve("bin/java"), "");
        java.toFile().setExecutable(true);
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }

    private Path packaged(String name, String mainClass) throws IOException {
        Path jar = Files.createDirectories(dir.resolve(name).resolve("quarkus-app")).resolve("quarkus-run.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
        return jar;
    }

    private Path app(String name) throws IOException {
        Path app = dir.resolve(name).resolve("quarkus-app");
        Files.createDirectories(app.resolve("lib/main"));
        if (!Files.exists(app.resolve("lib/main/library.jar"))) {
            Files.writeString(app.resolve("lib/main/library.jar"), "library");
            Files.writeString(app.resolve("quarkus-run.jar"), "runner");
        }
        return app.resolve("quarkus-run.jar");
    }
}
