package com.flightbooking.localinfra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where a Quarkus app listens: its API on {@code http}, health and metrics on {@code management} (the management
 * interface, a port of its own).
 */
public record AppPorts(int http, int management) {

    /**
     * Where {@link #freePort} looks: below the ephemeral ranges the OS gives outgoing connections (Linux 32768-60999,
     * macOS and Windows 49152-65535), and above the fixed ports of {@code ./run-local}. A port picked from the ephemeral
     * range (by binding port 0) can be taken as the local end of another process's outgoing connection before the app
     * binds it, and the app then fails to start.
     */
    static final int FIRST_PORT = 20_000;
    static final int END_PORT = 32_000;
    private static final int ATTEMPTS = 100;
    /**
     * Every port this JVM handed out: a port picked for an app that has not bound it yet looks free, and must not be
     * picked again for another.
     */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /** Two ports free on loopback now, for an app started by a test or a benchmark. */
    public static AppPorts anyFree() {
        return new AppPorts(freePort(), freePort());
    }

    /**
     * A port free on loopback now and not handed out before by this JVM; the caller binds it soon after, as the OS
     * does not hold it.
     */
    public static int freePort() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST_PORT, END_PORT);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // In use: try another.
            }
        }
        throw new IllegalStateException("No free loopback port between " + FIRST_PORT + " and " + END_PORT
                + " in " + ATTEMPTS + " attempts");
    }
}
