package com.flightbooking.localinfra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The whole system on one machine, as {@code ./run-local} starts it: PostgreSQL and the SNS/SQS emulator on
 * loopback, then the workers and the booking API from their packaged jars. An app that dies (even by kill -9) is
 * restarted, as an orchestrator would. Ctrl-C stops everything, in reverse order.
 *
 * <p>
 * Ports: {@code LOCAL_API_PORT} (8080), {@code LOCAL_WORKERS_PORT} (8081), their management interfaces (health,
 * metrics) {@code LOCAL_API_MANAGEMENT_PORT} (9000) and {@code LOCAL_WORKERS_MANAGEMENT_PORT} (9001),
 * {@code LOCAL_POSTGRES_PORT} (15432),
 * {@code LOCAL_AWS_PORT} (4566), {@code LOCAL_PARTNERS_PORT} (8090), {@code LOCAL_SMTP_PORT} (3025),
 * {@code LOCAL_POP3_PORT} (3110), {@code LOCAL_OIDC_PORT} (8180). PostgreSQL keeps its data in {@code .local/postgres} under
 * the project root, so
 * bookings survive a restart; delete that folder to start afresh.
 */
public final class LocalSystem {

    private static final Duration SUPERVISION_PERIOD = Duration.ofSeconds(1);

    private final Path projectRoot;
    private final Map<String, Integer> ports;
    private final Object lifecycle = new Object();
    private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "local-system-supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private LocalInfrastructure infrastructure;
    private LocalPartners partners;
    private LocalOidc oidc;
    private volatile AppProcess workers;
    private volatile AppProcess bookingApi;
    private volatile boolean stopping;
    private volatile Thread starter;

    private LocalSystem(Path projectRoot, Map<String, Integer> ports) {
        this.projectRoot = projectRoot;
        this.ports = ports;
    }

    /** Arguments: the project root. System property {@code local.mode}: {@code all} (default) or {@code infra}. */
    public static void main(String[] args) throws InterruptedException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Map<String, Integer> ports = Map.of(
                "api", port("LOCAL_API_PORT", 8080),
                "workers", port("LOCAL_WORKERS_PORT", 8081),
                "api-management", port("LOCAL_API_MANAGEMENT_PORT", 9000),
                "workers-management", port("LOCAL_WORKERS_MANAGEMENT_PORT", 9001),
                "postgres", port("LOCAL_POSTGRES_PORT", 15432),
                "aws", port("LOCAL_AWS_PORT", 4566),
                "partners", port("LOCAL_PARTNERS_PORT", 8090),
                "smtp", port("LOCAL_SMTP_PORT", 3025),
                "pop3", port("LOCAL_POP3_PORT", 3110),
                "oidc", port("LOCAL_OIDC_PORT", 8180));
        LocalSystem system = new LocalSystem(root, ports);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            system.stop();
            stopped.countDown();
        }, "local-system-stop"));
        try {
            system.start();
        } catch (RuntimeException e) {
            say("Could not start: " + e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    private void start() {
        synchronized (lifecycle) {
            starter = Thread.currentThread();
            try {
                startParts();
            } finally {
                starter = null;
            }
        }
    }

    private void startParts() {
        boolean infraOnly = "infra".equals(System.getProperty("local.mode"));
        ports.forEach((what, port) -> {
            if (!infraOnly || !(what.startsWith("api") || what.startsWith("workers"))) {
                requireFree(what, port);
            }
        });
        say("Starting PostgreSQL on 127.0.0.1:" + ports.get("postgres") + " and the SNS/SQS emulator (fauxqs) on 127.0.0.1:"
                + ports.get("aws") + " ...");
        infrastructure = LocalInfrastructure.start(ports.get("postgres"), ports.get("aws"),
                projectRoot.resolve(".local/postgres"), prefixed("infra"));
        say("Starting the partner simulators (WireMock) on 127.0.0.1:" + ports.get("partners")
                + " and the mail server (GreenMail) on 127.0.0.1:" + ports.get("smtp") + " ...");
        partners = LocalPartners.start(ports.get("partners"), ports.get("smtp"), ports.get("pop3"));
        say("Starting the OIDC server (mock-oauth2-server) on 127.0.0.1:" + ports.get("oidc") + " ...");
        oidc = LocalOidc.start(ports.get("oidc"));
        if (infraOnly) {
            say("""
                    The infrastructure is running; dev mode in the apps uses it by default:
                      ./mvnw quarkus:dev -pl booking-api     (http://localhost:8080, Dev UI at /q/dev-ui)
                      ./mvnw quarkus:dev -pl workers         (http://localhost:8081)
                      PostgreSQL   postgresql://127.0.0.1:%d  (user postgres; databases booking_api, workers)
                      SNS/SQS      %s
                      Partners     %s/__admin  (WireMock: payment processor, travel fulfiller, airline)
                      Mail         SMTP 127.0.0.1:%d, read with: curl pop3://127.0.0.1:%d/1 -u <address>:any
                      OIDC         %s  (tokens: %s)
                    Press Ctrl-C to stop them.""".formatted(ports.get("postgres"), infrastructure.awsEndpoint(),
                    partners.baseUrl(), partners.smtpPort(), partners.pop3Port(), oidc.issuerUrl(),
                    oidc.tokenEndpoint()));
            return;
        }
        say("Starting workers ...");
        workers = startWorkers();
        say("Starting booking-api ...");
        bookingApi = startBookingApi();
        supervisor.scheduleWithFixedDelay(this::restartDeadApps, SUPERVISION_PERIOD.toMillis(),
                SUPERVISION_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        say("""
                Flight booking is running.
                  booking-api  %s        (health and metrics: %s/q/health, /q/metrics)
                  workers      %s        (health and metrics: %s/q/health, /q/metrics)
                  PostgreSQL   postgresql://127.0.0.1:%d  (user postgres; databases booking_api, workers)
                  SNS/SQS      %s        (fauxqs, AWS_ENDPOINT_URL for the AWS CLI)
                  Partners     %s/__admin  (WireMock: payment processor, travel fulfiller, airline)
                  Mail         SMTP 127.0.0.1:%d; read a customer's mail with: curl pop3://127.0.0.1:%d/1 -u <address>:any
                  OIDC         %s  (any client id is a customer; ops, finance: operators)

                Book a flight in the browser:  http://localhost:%d/   (operators: http://localhost:%d/ops/, sign in as ops)
                Or with curl: get a customer's token
                  TOKEN=$(curl -s -d grant_type=client_credentials -d client_id=ada -d client_secret=any -d scope=corporate:ACME-001 %s | jq -r .access_token)
                then book with the curl in README.md and watch the booking become CONFIRMED.
                Press Ctrl-C to stop everything."""
                .formatted(bookingApi.url(), bookingApi.managementUrl(), workers.url(), workers.managementUrl(),
                        ports.get("postgres"),
                        infrastructure.awsEndpoint(), partners.baseUrl(), partners.smtpPort(), partners.pop3Port(),
                        oidc.issuerUrl(), ports.get("api"), ports.get("workers"), oidc.tokenEndpoint()));
    }

    private AppProcess startWorkers() {
        Map<String, String> config = new HashMap<>(infrastructure.quarkusConfig(LocalInfrastructure.WORKERS_DATABASE));
        config.putAll(partners.quarkusConfig());
        config.putAll(oidc.quarkusConfig());
        // booking-api starts after the workers, on the port chosen up front; the workers read it only per message.
        config.put("quarkus.rest-client.booking-api.url", "http://127.0.0.1:" + ports.get("api"));
        return AppProcess.start("workers", jar("workers"),
                new AppPorts(ports.get("workers"), ports.get("workers-management")), config, prefixed("workers"));
    }

    private AppProcess startBookingApi() {
        Map<String, String> config = new HashMap<>(
                infrastructure.quarkusConfig(LocalInfrastructure.BOOKING_API_DATABASE));
        config.putAll(oidc.quarkusConfig());
        // GET /offers asks the fulfiller simulator, on LOCAL_PARTNERS_PORT like the workers' partners.
        config.put("quarkus.rest-client.travel-fulfiller.url", partners.travelFulfillerUrl());
        return AppProcess.start("booking-api", jar("booking-api"),
                new AppPorts(ports.get("api"), ports.get("api-management")), config, prefixed("booking-api"));
    }

    private void restartDeadApps() {
        try {
            if (!workers.isAlive()) {
                say("workers exited; restarting it ...");
                workers = startWorkers();
                say("workers is back at " + workers.url());
            }
            if (!bookingApi.isAlive()) {
                say("booking-api exited; restarting it ...");
                bookingApi = startBookingApi();
                say("booking-api is back at " + bookingApi.url());
            }
        } catch (RuntimeException e) {
            if (!stopping) {
                say("Restart failed, will try again: " + e.getMessage());
            }
        }
    }

    private void stop() {
        stopping = true;
        say("Stopping ...");
        Thread startingThread = starter;
        if (startingThread != null) {
            startingThread.interrupt();
        }
        // Interrupts a restart in progress; the supervisor owns the app fields until it has ended.
        supervisor.shutdownNow();
        try {
            supervisor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lifecycle) {
            closeQuietly(bookingApi);
            closeQuietly(workers);
            closeQuietly(oidc);
            closeQuietly(partners);
            closeQuietly(infrastructure);
        }
        say("Stopped: nothing left running.");
    }

    private Path jar(String module) {
        return projectRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private static void closeQuietly(AutoCloseable part) {
        if (part == null) {
            return;
        }
        try {
            part.close();
        } catch (Exception e) {
            say("While stopping: " + e.getMessage());
        }
    }

    private static void requireFree(String what, int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " (" + what + ") is already in use: is another run still"
                    + " going? Stop it, or choose another port with LOCAL_" + what.toUpperCase() + "_PORT");
        }
    }

    private static int port(String variable, int fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    private static Consumer<String> prefixed(String source) {
        String prefix = "[%-11s] ".formatted(source);
        return line -> System.out.println(prefix + line);
    }

    private static void say(String message) {
        System.out.println("[run-local  ] " + message.replace("\n", "\n[run-local  ] "));
    }
}
