package com.flightbooking.events.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An endpoint on loopback that accepts every connection and never answers: a dependency that hangs, unlike one that
 * is down (refused at once). Connections stay open until {@link #close()}.
 */
public final class HungEndpoint implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    private HungEndpoint(ServerSocket server) {
        this.server = server;
    }

    public static HungEndpoint start() {
        try {
            HungEndpoint endpoint = new HungEndpoint(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            Thread acceptor = new Thread(endpoint::acceptForever, "hung-endpoint-" + endpoint.server.getLocalPort());
            acceptor.setDaemon(true);
            acceptor.start();
            return endpoint;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As an endpoint override: {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Connections accepted so far: how many calls got as far as waiting for an answer. */
    public int connections() {
        return accepted.size();
    }

    @Override
    public void close() {
        try {
            server.close();
            for (Socket socket : accepted) {
                socket.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void acceptForever() {
        while (!server.isClosed()) {
            try {
                accepted.add(server.accept());
            } catch (IOException closed) {
                return;
            }
        }
    }
}
