package com.flightbooking.systemtests;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One whole system for the test classes that leave it running as they found it: started when a class first asks for
 * it, stopped when the test run ends. A start of the infrastructure and both apps costs about 25 s on two cores, and
 * most system tests need nothing of their own. A test that restarts an app with settings of its own puts it back as
 * it was ({@link RunningSystem#restoreBookingApi}); one that needs other settings throughout starts its own
 * {@link RunningSystem}.
 * <p>
 * A class asks with {@code @ExtendWith(SharedSystem.class)} and a parameter of its {@code @BeforeAll} method: the
 * {@link RunningSystem}, the {@link TraceCollector} its apps export their spans to, or the {@link AppLog} of every
 * line they wrote. Its workers read the dead-letter depths every second rather than every 30 s, so that a page shows a
 * change soon. Tests on it tell their data apart by their own bookings, customers and tokens.
 */
public final class SharedSystem implements ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(SharedSystem.class);

    /** Every line the shared system's apps wrote, each prefixed with the app's name ({@code [workers] ...}). */
    public static final class AppLog {

        private final Queue<String> lines = new ConcurrentLinkedQueue<>();

        private void add(String line) {
            lines.add(line);
            SystemTestLog.line(line);
        }

        public List<String> linesContaining(String text) {
            return lines.stream().filter(line -> line.contains(text)).toList();
        }

        /** The app's lines from its first launch up to Quarkus' "started in" line, that one included. */
        public List<String> firstStartOf(String app) {
            List<String> start = new ArrayList<>();
            for (String line : lines) {
                if (line.startsWith("[" + app + "]")) {
                    start.add(line);
                    if (line.contains(" started in ")) {
                        return start;
                    }
                }
            }
            throw new IllegalStateException(app + " has not logged its start: " + start.size() + " lines so far");
        }
    }

    /** What the run's root store holds, and closes when the run ends. */
    private record Started(RunningSystem system, TraceCollector traces, AppLog log) implements AutoCloseable {

        static Started start() {
            TraceCollector traces = TraceCollector.start();
            try {
                AppLog log = new AppLog();
                Map<String, String> appConfig = new HashMap<>(traces.appConfig());
                appConfig.put("flights.consumer.dlq-depth.refresh-interval", "1s");
                return new Started(RunningSystem.startAll(log::add, appConfig), traces, log);
            } catch (RuntimeException e) {
                traces.close();
                throw e;
            }
        }

        @Override
        public void close() {
            try {
                system.close();
            } finally {
                traces.close();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == RunningSystem.class || type == TraceCollector.class || type == AppLog.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Started started = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Started.class, key -> Started.start(), Started.class);
        Class<?> type = parameter.getParameter().getType();
        if (type == RunningSystem.class) {
            return started.system();
        }
        return type == TraceCollector.class ? started.traces() : started.log();
    }
}
