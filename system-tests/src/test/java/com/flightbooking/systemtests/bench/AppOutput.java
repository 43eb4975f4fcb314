package com.flightbooking.systemtests.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a benchmark sends the apps' and tools' output: nowhere by default (writing it would cost the CPU being
 * measured), or to a file when asked ({@code -Dbench.app-log=path}), to find out why a run went wrong.
 */
final class AppOutput implements AutoCloseable {

    private final BufferedWriter file;

    private AppOutput(BufferedWriter file) {
        this.file = file;
    }

    static AppOutput to(String path) throws IOException {
        return new AppOutput(path == null || path.isBlank() ? null : Files.newBufferedWriter(Path.of(path)));
    }

    void line(String line) {
        if (file == null) {
            return;
        }
        synchronized (file) {
            try {
                file.write(line);
                file.newLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
        }
    }
}
