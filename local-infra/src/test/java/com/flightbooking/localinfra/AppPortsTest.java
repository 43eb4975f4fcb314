package com.flightbooking.localinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The ports a test's app will bind later: free now, and out of the way of other processes' outgoing connections. */
class AppPortsTest {

    private static final int FIRST_EPHEMERAL_PORT_ANYWHERE = 32_768;

    @Test
    void aFreePortIsBelowEveryEphemeralRangeAndCanBeBound() throws IOException {
        for (int i = 0; i < 50; i++) {
            int port = AppPorts.freePort();

            assertThat(port).isBetween(AppPorts.FIRST_PORT, AppPorts.END_PORT - 1)
                    .isLessThan(FIRST_EPHEMERAL_PORT_ANYWHERE);
            try (ServerSocket bound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(bound.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void noPortIsHandedOutTwiceWhileTheAppsItWasPickedForHaveNotBoundItYet() {
        Set<Integer> picked = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            AppPorts ports = AppPorts.anyFree();
            assertThat(picked.add(ports.http())).as("port %d handed out twice", ports.http()).isTrue();
            assertThat(picked.add(ports.management())).as("port %d handed out twice", ports.management()).isTrue();
        }
    }
}
