package com.flightbooking.localinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class LocalFauxqsTest {

    /**
     * A terminal's Ctrl-C, or a supervisor's SIGTERM, goes to every process of the runner's process group. The emulator
     * is in another session, so it stays up until the runner has stopped the apps and stops it: their last receives
     * and deletes still get answers.
     */
    @Test
    void runsInASessionOfItsOwnSoASignalToTheRunnersGroupMissesIt() throws IOException {
        assumeTrue(!OwnSession.prefix().isEmpty(), "no setsid on this system");
        try (LocalFauxqs fauxqs = LocalFauxqs.start(0, line -> {
        })) {
            assertThat(sessionOf(fauxqs.pid())).isEqualTo(fauxqs.pid())
                    .isNotEqualTo(sessionOf(ProcessHandle.current().pid()));
        }
    }

    /** The session id: the sixth field of {@code /proc/<pid>/stat}, the fourth after the name in parentheses. */
    private static long sessionOf(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
    }
}
