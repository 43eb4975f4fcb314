package com.flightbooking.localinfra;

import java.util.logging.Level;

/**
 * The log level of a JVM that hosts local parts outside Quarkus (the benchmarks, the fault suite, tests). Where SLF4J
 * logs through JBoss LogManager, its root level, never configured, is ALL: every library then finds its debug logging
 * on and does its work for records no handler prints (Jetty under WireMock builds each request's debug lines; the AWS
 * SDK's Netty client adds a wire logger that hex-dumps every request and answer). Such a JVM gets INFO, as the apps
 * have; one that Quarkus configured is left as it is, and one without JBoss LogManager (`./run-local`'s) has nothing
 * to change.
 */
final class UnconfiguredLogging {

    private static final String LOG_MANAGER = "org.jboss.logmanager.Logger";

    private UnconfiguredLogging() {
    }

    static void defaultToInfo() {
        try {
            Class.forName(LOG_MANAGER, false, UnconfiguredLogging.class.getClassLoader());
        } catch (ClassNotFoundException absent) {
            return;
        }
        JBossRoot.defaultToInfo();
    }

    /** Loaded only where JBoss LogManager is on the class path. */
    private static final class JBossRoot {

        static void defaultToInfo() {
            org.jboss.logmanager.Logger root = org.jboss.logmanager.Logger.getLogger("");
            if (root.getLevel() == null || root.getLevel() == Level.ALL) {
                root.setLevel(Level.INFO);
            }
        }
    }
}
