package com.flightbooking.localinfra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;

/**
 * Zero-setup dev mode: when an app runs with {@code ./mvnw quarkus:dev} and nothing listens on the local
 * infrastructure's ports, this starts it there (PostgreSQL, the SNS/SQS emulator, the partner simulators, the mail
 * server and the OIDC server, as {@code ./run-local infra} does), once per dev-mode JVM: it survives live reloads and stops
 * when dev mode
 * ends. Dev mode inherits the apps' local profile, which already points at these ports, so no configuration is
 * added. Registered as a SmallRye {@link ConfigSourceFactory} because that runs before the datasource and Flyway
 * start. Inert outside the {@code dev} profile, and never shipped: it lives in the local-infra module, which the apps
 * depend on with scope provided (dev mode and tests only).
 */
public class DevModeInfrastructure implements ConfigSourceFactory {

    private static final int POSTGRES = 15432;
    private static final int AWS = 4566;
    private static final int PARTNERS = 8090;
    private static final int SMTP = 3025;
    private static final int POP3 = 3110;
    private static final int OIDC = 8180;

    private static final Object LOCK = new Object();
    private static boolean started;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (context.getProfiles().contains("dev")) {
            startOnce();
        }
        return List.of();
    }

    private static void startOnce() {
        synchronized (LOCK) {
            if (started) {
                return;
            }
            started = true;
            if (listening(POSTGRES) || listening(AWS)) {
                say("local infrastructure already running (./run-local infra or another dev-mode app): using it");
                return;
            }
            say("starting the local infrastructure for dev mode: PostgreSQL 127.0.0.1:" + POSTGRES + ", SNS/SQS "
                    + "127.0.0.1:" + AWS + ", partners 127.0.0.1:" + PARTNERS + ", mail SMTP " + SMTP + " / POP3 " + POP3
                    + ", OIDC 127.0.0.1:" + OIDC + " (stops with dev mode)");
            LocalInfrastructure infrastructure = LocalInfrastructure.start(POSTGRES, AWS, dataDirectory(),
                    DevModeInfrastructure::say);
            LocalPartners partners = LocalPartners.start(PARTNERS, SMTP, POP3);
            LocalOidc oidc = LocalOidc.start(OIDC);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                oidc.close();
                partners.close();
                infrastructure.close();
            }, "dev-infrastructure-stop"));
        }
    }

    /** The project's {@code .local/postgres}, shared with {@code ./run-local}; dev mode runs in a module folder. */
    private static Path dataDirectory() {
        Path here = Path.of("").toAbsolutePath();
        Path root = Files.exists(here.resolve("../mvnw")) ? here.getParent() : here;
        return root.resolve(".local/postgres");
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void say(String line) {
        System.out.println("[dev-infra] " + line);
    }
}
