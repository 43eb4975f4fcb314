package com.flightbooking.events.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.flightbooking.localinfra.AppPorts;

/**
 * A TCP forwarder on loopback in front of a dependency that a test takes down and brings back: while down, its port
 * refuses connections and the connections it carried are cut, as when the dependency itself is gone; while hanging, it
 * accepts connections and never answers, as a stuck server does; up again on the same port, it forwards to the same
 * target (and cuts the connections it left hanging, as a restarted server would).
 */
public final class SwitchableProxy implements AutoCloseable {

    private final int port;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final List<Socket> hung = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private volatile boolean hanging;

    private SwitchableProxy(int port, URI target) {
        this.port = port;
        this.targetHost = target.getHost();
        this.targetPort = target.getPort();
    }

    /** Up, forwarding to {@code target} ({@code http://host:port}). */
    public static SwitchableProxy to(String target) {
        SwitchableProxy proxy = new SwitchableProxy(AppPorts.freePort(), URI.create(target));
        proxy.up();
        return proxy;
    }

    /** Hanging in front of {@code target} ({@code http://host:port}) until {@link #up()}. */
    public static SwitchableProxy hangingInFrontOf(String target) {
        SwitchableProxy proxy = to(target);
        proxy.hang();
        return proxy;
    }

    public int port() {
        return port;
    }

    /** As an endpoint override: {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public synchronized void up() {
        if (server != null) {
            if (hanging) {
                hanging = false;
                cutHungConnections();
            }
            return;
        }
        try {
            ServerSocket listening = new ServerSocket();
            listening.setReuseAddress(true);
            listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            server = listening;
            daemon(() -> acceptUntilClosed(listening), "proxy-accept-" + port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Accepts connections and leaves them unanswered until {@link #up()} or {@link #down()}. */
    public synchronized void hang() {
        up();
        hanging = true;
    }

    /** Connections accepted while hanging: clients that got as far as waiting for the first answer. */
    public int hungConnections() {
        return hung.size();
    }

    public synchronized void down() {
        hanging = false;
        cutHungConnections();
        if (server == null) {
            return;
        }
        closeQuietly(server);
        server = null;
        open.forEach(SwitchableProxy::closeQuietly);
        open.clear();
    }

    @Override
    public void close() {
        down();
    }

    private void acceptUntilClosed(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                if (hanging) {
                    hung.add(client);
                    continue;
                }
                Socket upstream = new Socket(targetHost, targetPort);
                open.add(client);
                open.add(upstream);
                daemon(() -> pump(client, upstream), "proxy-up-" + port);
                daemon(() -> pump(upstream, client), "proxy-down-" + port);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void cutHungConnections() {
        hung.forEach(SwitchableProxy::closeQuietly);
        hung.clear();
    }

    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException cut) {
            // The other side, or down(), closed the connection: nothing more to carry.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Already closed.
        }
    }
}
