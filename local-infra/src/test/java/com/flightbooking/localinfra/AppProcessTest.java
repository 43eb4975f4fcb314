package com.flightbooking.localinfra;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An app that dies while starting says why: the exception carries its last lines. */
class AppProcessTest {

    @TempDir
    Path dir;

    @Test
    void anAppThatExitsDuringStartupIsReportedWithItsLastLines() throws IOException {
        Path notAJar = Files.writeString(Files.createDirectories(dir.resolve("quarkus-app")).resolve("quarkus-run.jar"),
                "not a jar");

        assertThatThrownBy(() -> AppProcess.start("broken", notAJar, AppPorts.anyFree(), Map.of(), line -> {
        })).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("broken exited with code 1 during startup")
                .hasMessageContaining("quarkus-run.jar");
    }
}
