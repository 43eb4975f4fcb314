package com.flightbooking.booking.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.security.Principal;

import org.junit.jupiter.api.Test;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.net.SocketAddress;

/** Whom a request counts against. */
class ClientKeysTest {

    @Test
    void anAuthenticatedClientCountsByItsPrincipalWhateverItsAddress() {
        SecurityIdentity identity = mock(SecurityIdentity.class);
        Principal subject = () -> "c8f0e2b4-subject";
        when(identity.isAnonymous()).thenReturn(false);
        when(identity.getPrincipal()).thenReturn(subject);

        assertThat(ClientKeys.of(identity, SocketAddress.inetSocketAddress(5000, "203.0.113.7")))
                .isEqualTo(ClientKeys.of(identity, SocketAddress.inetSocketAddress(5001, "198.51.100.1")))
                .isEqualTo("principal:c8f0e2b4-subject");
    }

    @Test
    void anAnonymousClientCountsByItsAddressNotItsPort() {
        SecurityIdentity anonymous = mock(SecurityIdentity.class);
        when(anonymous.isAnonymous()).thenReturn(true);

        assertThat(ClientKeys.of(anonymous, SocketAddress.inetSocketAddress(5000, "203.0.113.7")))
                .isEqualTo(ClientKeys.of(null, SocketAddress.inetSocketAddress(6000, "203.0.113.7")))
                .isEqualTo("address:203.0.113.7");
        assertThat(ClientKeys.of(null, SocketAddress.inetSocketAddress(5000, "203.0.113.8")))
                .isEqualTo("address:203.0.113.8");
    }

    @Test
    void anIpv6ClientCountsByItsSlash64() {
        String one = ClientKeys.of(null, SocketAddress.inetSocketAddress(5000, "2001:db8:1:2:aaaa::1"));
        String sameNetwork = ClientKeys.of(null, SocketAddress.inetSocketAddress(5000, "2001:db8:1:2:bbbb:cc::9"));
        String otherNetwork = ClientKeys.of(null, SocketAddress.inetSocketAddress(5000, "2001:db8:1:3::1"));

        assertThat(one).isEqualTo(sameNetwork).isEqualTo("address:2001:db8:1:2:0:0:0:0/64");
        assertThat(otherNetwork).isNotEqualTo(one);
        assertThat(ClientKeys.of(null, SocketAddress.inetSocketAddress(5000, "::ffff:203.0.113.7")))
                .isEqualTo("address:203.0.113.7");
    }

    @Test
    void aConnectionWithoutAnAddressCountsAsOneUnknownClient() {
        assertThat(ClientKeys.of(null, null)).isEqualTo("address:unknown");
    }
}
