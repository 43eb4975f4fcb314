package com.flightbooking.workers.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SMTP endpoint on loopback that first hangs (accepts every connection and never answers, as a stuck mail server
 * does) and, once {@link #recover() recovered}, forwards every new connection to a working mail server. Recovering
 * closes the hung connections, as a restarted server would.
 */
public final class SwitchableSmtp implements AutoCloseable {

    private final ServerSocket server;
    private final int workingPort;
    private final List<Socket> hung = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean recovered;

    private SwitchableSmtp(ServerSocket server, int workingPort) {
        this.server = server;
        this.workingPort = workingPort;
    }

    /** Hangs until {@link #recover()}, then forwards to the mail server on {@code workingPort}. */
    public static SwitchableSmtp start(int workingPort) {
        try {
            SwitchableSmtp smtp = new SwitchableSmtp(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()),
                    workingPort);
            daemon("switchable-smtp-" + smtp.port(), smtp::acceptForever);
            return smtp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted while hanging: sends that got as far as waiting for the server's greeting. */
    public int hungConnections() {
        return hung.size();
    }

    public void recover() {
        recovered = true;
        for (Socket socket : hung) {
            closeQuietly(socket);
        }
    }

    @Override
    public void close() {
        closeQuietly(server);
        open.forEach(SwitchableSmtp::closeQuietly);
        hung.forEach(SwitchableSmtp::closeQuietly);
    }

    private void acceptForever() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (recovered) {
                    forward(client);
                } else {
                    hung.add(client);
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void forward(Socket client) throws IOException {
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), workingPort);
        open.add(client);
        open.add(upstream);
        daemon("smtp-up-" + client.getPort(), () -> pipe(client, upstream));
        daemon("smtp-down-" + client.getPort(), () -> pipe(upstream, client));
    }

    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException closed) {
            // One side closed: the other follows below.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception alreadyClosed) {
            // Nothing left to release.
        }
    }
}
