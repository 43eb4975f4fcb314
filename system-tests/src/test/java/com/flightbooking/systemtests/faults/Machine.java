package com.flightbooking.systemtests.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Where a run happened, for its report: the machine, how busy it was, and what ran (versions, commit). */
final class Machine {

    private static final Path LOAD_AVERAGE = Path.of("/proc/loadavg");

    private Machine() {
    }

    static Map<String, Object> describe(Path projectRoot) {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.version"));
        machine.put("quarkus", System.getProperty("flights.quarkus-version", "unknown"));
        machine.put("commit", commit(projectRoot));
        machine.put("loadAverage", loadAverage());
        return machine;
    }

    /** The 1, 5 and 15 minute load averages, as uptime shows them. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(LOAD_AVERAGE).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String commit(Path projectRoot) {
        try {
            Process git = new ProcessBuilder("git", "-C", projectRoot.toString(), "describe", "--always", "--dirty")
                    .redirectErrorStream(true).start();
            String described = new String(git.getInputStream().readAllBytes()).trim();
            return git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 ? described : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
