package com.flightbooking.events.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/**
 * The log records of this JVM from {@link #start()} to {@link #close()}, each with the log context (MDC) it was
 * written in: what the console or the JSON log would show for it.
 */
public final class CapturedLogs implements AutoCloseable {

    /** {@code thrown} is the exception logged with the line, or null. */
    public record Line(String logger, Level level, String message, Map<String, String> mdc, Throwable thrown) {
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record instanceof ExtLogRecord ext) {
                lines.add(new Line(ext.getLoggerName(), ext.getLevel(), ext.getFormattedMessage(),
                        Map.copyOf(ext.getMdcCopy()), ext.getThrown()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedLogs() {
    }

    public static CapturedLogs start() {
        CapturedLogs logs = new CapturedLogs();
        Logger.getLogger("").addHandler(logs.handler);
        return logs;
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
    }
}
