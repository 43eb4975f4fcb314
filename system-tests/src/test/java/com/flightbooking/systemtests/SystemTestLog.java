package com.flightbooking.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * {@code target/system-tests.log}: every line the apps under test wrote ({@code [workers] ...}) and the tests' own
 * findings, in one file to read after a failure. Not the console, where four apps would bury the build's output; not
 * JBoss Logging, whose log manager in a test JVM is Quarkus' (quarkus-bootstrap-runner), which holds every record
 * back until a Quarkus app starts in that JVM, and none does here.
 */
final class SystemTestLog {

    private static final Path FILE = Path.of("target", "system-tests.log");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static Writer writer;

    private SystemTestLog() {
    }

    static synchronized void line(String line) {
        try {
            if (writer == null) {
                Files.createDirectories(FILE.getParent());
                writer = Files.newBufferedWriter(FILE, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            writer.write(LocalTime.now().format(TIME) + " " + line + "\n");
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + FILE.toAbsolutePath(), e);
        }
    }
}
