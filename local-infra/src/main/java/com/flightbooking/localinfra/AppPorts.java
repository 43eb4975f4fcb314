package com.flightbooking.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Where a Quarkus app listens: its API on {@code http}, health and metrics on {@code management} (the management
 * interface, a port of its own).
 */
public record AppPorts(int http, int management) {

    /** Two ports free on loopback now, for an app started by a test or a benchmark. */
    public static AppPorts anyFree() {
        return new AppPorts(freePort(), freePort());
    }

    /** A port free on loopback now; the caller binds it soon after, as the OS does not hold it. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
