package com.flightbooking.localinfra;

import java.util.logging.Level;

import org.jboss.logmanager.Logger;

/**
 * The log level of a JVM that hosts local parts outside Quarkus ({@code ./run-local}, the benchmarks, the fault
 * suite). There, SLF4J logs through JBoss LogManager, whose root level, never configured, is ALL: every library then
 * finds its debug logging on and does its work for records no handler prints (Jetty under WireMock builds each
 * request's debug lines; the AWS SDK's Netty client adds a wire logger that hex-dumps every request and answer). Such
 * a JVM gets INFO, as the apps have; one that Quarkus configured is left as it is.
 */
final class UnconfiguredLogging {

    private UnconfiguredLogging() {
    }

    static void defaultToInfo() {
        Logger root = Logger.getLogger("");
        if (root.getLevel() == null || root.getLevel() == Level.ALL) {
            root.setLevel(Level.INFO);
        }
    }
}
