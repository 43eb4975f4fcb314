package com.flightbooking.booking.api.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

import jakarta.inject.Singleton;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * Who a request counts against: the authenticated principal (the token's subject), or else the client's address as
 * Vert.x resolved it: the connection's peer, or the X-Forwarded-For/Forwarded address only when
 * {@code quarkus.http.proxy.proxy-address-forwarding} trusts the proxy that set it (a raw header anyone can forge is
 * never read here). An IPv6 client counts by its /64 network, the block one subscriber usually gets whole.
 */
@Singleton
class ClientKeys {

    private static final int IPV6_NETWORK_BYTES = 8;
    private static final String KEY = ClientKeys.class.getName();

    /**
     * Read without blocking: the identity is resolved already (proactive authentication) or on demand. Kept on the
     * request, for the next limit that asks.
     */
    Uni<String> of(RoutingContext request) {
        String known = request.get(KEY);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return identity(request).map(identity -> {
            String key = of(identity, request.request().remoteAddress());
            request.put(KEY, key);
            return key;
        });
    }

    private static Uni<SecurityIdentity> identity(RoutingContext request) {
        if (request.user() instanceof QuarkusHttpUser user) {
            return Uni.createFrom().item(user.getSecurityIdentity());
        }
        Uni<SecurityIdentity> deferred = request.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
        // A failed authentication is answered by the security layer; here the request counts as anonymous.
        return deferred == null ? Uni.createFrom().nullItem() : deferred.onFailure().recoverWithNull();
    }

    static String of(SecurityIdentity identity, SocketAddress remote) {
        if (identity != null && !identity.isAnonymous() && identity.getPrincipal() != null) {
            return "principal:" + identity.getPrincipal().getName();
        }
        return "address:" + network(remote);
    }

    private static String network(SocketAddress remote) {
        String host = remote == null ? null : remote.hostAddress();
        if (host == null || host.isEmpty()) {
            return "unknown";
        }
        if (host.indexOf(':') < 0) {
            return host;
        }
        try {
            // An address literal: no name lookup happens.
            byte[] address = InetAddress.getByName(host).getAddress();
            if (address.length == 4) {
                return InetAddress.getByAddress(address).getHostAddress();
            }
            byte[] network = Arrays.copyOf(address, 16);
            Arrays.fill(network, IPV6_NETWORK_BYTES, 16, (byte) 0);
            return InetAddress.getByAddress(network).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return host;
        }
    }
}
