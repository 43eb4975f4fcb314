package com.flightbooking.localinfra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts a child process in a session of its own where the system has {@code setsid} (Linux): a terminal's Ctrl-C or
 * a SIGTERM to the runner's process group then reaches only the runner, which stops its children in order, the apps
 * before what they use. macOS has no {@code setsid}; there such a signal reaches every child at once, and the runner
 * stops what is left.
 */
final class OwnSession {

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private OwnSession() {
    }

    /** What goes before a child's command; {@code setsid} execs it in place, so the child keeps its pid. */
    static List<String> prefix() {
        return Files.isExecutable(SETSID) ? List.of(SETSID.toString()) : List.of();
    }
}
