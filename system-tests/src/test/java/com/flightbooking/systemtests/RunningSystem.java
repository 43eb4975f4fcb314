package com.flightbooking.systemtests;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.flightbooking.events.testing.Bookings;
import com.flightbooking.events.testing.Bookings.Offer;
import com.flightbooking.events.testing.PartnerEffects;
import com.flightbooking.events.testing.Prometheus;
import com.flightbooking.events.testing.Quiescence;
import com.flightbooking.localinfra.AppPorts;
import com.flightbooking.localinfra.AppProcess;
import com.flightbooking.localinfra.LocalInfrastructure;
import com.flightbooking.localinfra.LocalOidc;
import com.flightbooking.localinfra.LocalPartners;
import com.flightbooking.localinfra.LocalPostgres;
import com.flightbooking.localinfra.LocalTokens;
import com.flightbooking.localinfra.Mailbox;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The whole system as production runs it, in one test: both packaged apps as separate processes, real PostgreSQL,
 * the SNS/SQS emulator, the partner simulators and the mail server, with topic and queue names unique to the run.
 */
public final class RunningSystem implements AutoCloseable {

    /** Tests run in booking-api/; the benchmark runs from the project root and sets {@code flights.project-root=.}. */
    private static final Path PROJECT_ROOT = Path.of(System.getProperty("flights.project-root", ".."));
    private static final Path BOOKING_API_JAR = PROJECT_ROOT.resolve("booking-api/target/quarkus-app/quarkus-run.jar");
    private static final Path WORKERS_JAR = PROJECT_ROOT.resolve("workers/target/quarkus-app/quarkus-run.jar");
    /** Short, so that a message held by a killed worker comes back within seconds. */
    public static final String CUSTOMER = "alice";
    public static final String CORPORATE_ACCOUNT = "ACME-001";
    private static final Map<String, String> COMMON = Map.of("flights.messaging.provisioning.visibility-timeout", "5s");

    private final LocalInfrastructure infrastructure;
    private final LocalPartners partners;
    private final LocalOidc oidc = LocalOidc.start(0);
    private final Consumer<String> log;
    /** What every app this system starts, or restarts, gets over the local defaults and under a start's overrides. */
    private final Map<String, String> appConfig;
    private final String nameSuffix = "-" + UUID.randomUUID().toString().substring(0, 8);
    /** Chosen up front: the workers, started first, read bookings from the API there, and every restart reuses it. */
    private final AppPorts apiPorts = AppPorts.anyFree();
    private volatile AppProcess workers;
    /** Replicas of the workers started next to the first ({@link #startAnotherWorkers}). */
    private final List<AppProcess> moreWorkers = new CopyOnWriteArrayList<>();
    private final AtomicInteger workersStarted = new AtomicInteger(1);
    private volatile AppProcess bookingApi;
    /** The overrides booking-api last started with: none is how the system started it. */
    private volatile Map<String, String> bookingApiOverrides = Map.of();
    /**
     * Ctrl-C on a benchmark or a test run ends the JVM without closing this: PostgreSQL runs detached and the apps in
     * sessions of their own, so only this hook stops them.
     */
    private final Thread stopOnExit = new Thread(this::stop, "running-system-stop");
    /** Held while stopping, so that whoever stops second returns only once everything has stopped. */
    private final Object stopping = new Object();
    private boolean stopped;

    private RunningSystem(LocalInfrastructure infrastructure, LocalPartners partners, Consumer<String> log,
            Map<String, String> appConfig) {
        this.infrastructure = infrastructure;
        this.partners = partners;
        this.log = log;
        this.appConfig = Map.copyOf(appConfig);
    }

    /** Infrastructure and partners only; start the apps with {@link #startWorkers} and {@link #startBookingApi}. */
    public static RunningSystem startInfrastructure() {
        return startInfrastructure(SystemTestLog::line);
    }

    /** @param log where the apps' and tools' output goes */
    public static RunningSystem startInfrastructure(Consumer<String> log) {
        return startInfrastructure(null, log);
    }

    /**
     * @param postgresData PostgreSQL's data directory, kept on stop (so that it can be restarted: {@link
     *        #restartPostgres}), or null for a throwaway one
     */
    public static RunningSystem startInfrastructure(Path postgresData, Consumer<String> log) {
        return startInfrastructure(postgresData, Map.of(), log);
    }

    /** @param postgresConfig PostgreSQL settings beyond the local ones, e.g. a benchmark's statement statistics */
    public static RunningSystem startInfrastructure(Path postgresData, Map<String, String> postgresConfig,
            Consumer<String> log) {
        return startInfrastructure(postgresData, postgresConfig, log, Map.of());
    }

    private static RunningSystem startInfrastructure(Path postgresData, Map<String, String> postgresConfig,
            Consumer<String> log, Map<String, String> appConfig) {
        LocalInfrastructure infrastructure = LocalInfrastructure.start(0, 0, postgresData, postgresConfig, log);
        try {
            RunningSystem system = new RunningSystem(infrastructure, LocalPartners.startKeepingEveryRequest(0, 0, 0),
                    log, appConfig);
            Runtime.getRuntime().addShutdownHook(system.stopOnExit);
            return system;
        } catch (RuntimeException e) {
            infrastructure.close();
            throw e;
        }
    }

    /** @param appConfig what every app gets, on every start and restart, unless a start overrides it */
    public static RunningSystem startAll(Consumer<String> log, Map<String, String> appConfig) {
        RunningSystem system = startInfrastructure(null, Map.of(), log, appConfig);
        try {
            system.startWorkers();
            system.startBookingApi(Map.of());
            return system;
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    public void startWorkers() {
        startWorkers(Map.of());
    }

    /** @param overrides win over everything else, the partners' addresses included */
    public void startWorkers(Map<String, String> overrides) {
        Map<String, String> partnersAndOverrides = new HashMap<>(partners.quarkusConfig());
        partnersAndOverrides.put("quarkus.rest-client.booking-api.url", "http://127.0.0.1:" + apiPorts.http());
        partnersAndOverrides.putAll(overrides);
        Map<String, String> config = config(LocalInfrastructure.WORKERS_DATABASE, partnersAndOverrides);
        workers = AppProcess.start("workers", WORKERS_JAR, AppPorts.anyFree(), config, line -> log.accept("[workers] " + line));
    }

    /**
     * One more workers process on the same database, queues and partners (a replica, running the roles the overrides
     * give it in {@code flights.messaging.roles}; all by default); it stops with the system. Replicas may start in
     * parallel, once {@link #startWorkers} has migrated the database.
     */
    public void startAnotherWorkers(Map<String, String> overrides) {
        Map<String, String> config = config(LocalInfrastructure.WORKERS_DATABASE, overrides);
        config.putAll(partners.quarkusConfig());
        config.put("quarkus.rest-client.booking-api.url", "http://127.0.0.1:" + apiPorts.http());
        String name = "workers-" + workersStarted.incrementAndGet();
        moreWorkers.add(AppProcess.start(name, WORKERS_JAR, AppPorts.anyFree(), config,
                line -> log.accept("[" + name + "] " + line)));
    }

    /** What Prometheus scrapes from every workers process, the first one first. */
    public List<Prometheus> everyWorkersMetrics() {
        List<Prometheus> all = new ArrayList<>(List.of(metrics(workers)));
        moreWorkers.forEach(replica -> all.add(metrics(replica)));
        return all;
    }

    /** The process ids of the apps, for measuring them. */
    public long workersPid() {
        return workers.pid();
    }

    public long bookingApiPid() {
        return bookingApi.pid();
    }

    /** Which Java runs each app, with which AOT cache and packaging: what a benchmark's figures were measured on. */
    public Map<String, String> appRuntimes() {
        return new TreeMap<>(Map.of("booking-api", bookingApi.runtime(), "workers", workers.runtime()));
    }

    /**
     * The PostgreSQL server's main process: pg_ctl detaches it, so it is no descendant of this JVM; found by its
     * port among the running {@code postgres} processes.
     */
    public long postgresPid() {
        String port = Integer.toString(infrastructure.postgres().port());
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().command().orElse("").endsWith("/bin/postgres"))
                .filter(process -> List.of(process.info().arguments().orElse(new String[0])).contains(port))
                .findFirst().orElseThrow(() -> new IllegalStateException("No postgres process on port " + port))
                .pid();
    }

    public void startBookingApi(Map<String, String> overrides) {
        Map<String, String> config = config(LocalInfrastructure.BOOKING_API_DATABASE, overrides);
        config.put("quarkus.rest-client.travel-fulfiller.url", partners.travelFulfillerUrl());
        bookingApi = AppProcess.start("booking-api", BOOKING_API_JAR, apiPorts, config,
                line -> log.accept("[booking-api] " + line));
        bookingApiOverrides = Map.copyOf(overrides);
    }

    /**
     * Leaves booking-api running as the system started it, however a test left it: stopped, killed, or started with
     * overrides of its own.
     */
    public void restoreBookingApi() {
        if (bookingApi != null && bookingApi.isAlive() && bookingApiOverrides.isEmpty()) {
            return;
        }
        stopBookingApi();
        startBookingApi(Map.of());
    }

    /** kill -9: no drain, no goodbye; whatever it held comes back to the queue after the visibility timeout. */
    public void killWorkers() {
        workers.kill();
    }

    public void killBookingApi() {
        bookingApi.kill();
    }

    public void stopBookingApi() {
        if (bookingApi != null) {
            bookingApi.close();
            bookingApi = null;
        }
    }

    public void stopWorkers() {
        if (workers != null) {
            workers.close();
            workers = null;
        }
    }

    /** PostgreSQL goes away and comes back on the same port and data: see {@link LocalPostgres#restart}. */
    public void restartPostgres(boolean crash) {
        infrastructure.postgres().restart(crash);
    }

    /** SIGSTOP: the SNS/SQS emulator holds every connection and answers nothing until {@link #resumeEmulator()}. */
    public void pauseEmulator() {
        infrastructure.fauxqs().pause();
    }

    public void resumeEmulator() {
        infrastructure.fauxqs().resume();
    }

    /** Where the mail server takes SMTP; the workers send there unless told otherwise. */
    public int smtpPort() {
        return partners.smtpPort();
    }

    /** Every email the mail server received. */
    public List<LocalPartners.ReceivedEmail> receivedEmails() {
        return partners.receivedEmails();
    }

    public String apiUrl() {
        return bookingApi.url();
    }

    /** The workers' API port: the admin API and the ops page. */
    public String workersUrl() {
        return workers.url();
    }

    /** booking-api's health and metrics. */
    public String apiManagementUrl() {
        return bookingApi.managementUrl();
    }

    /** A bearer token for {@code subject} from this system's OIDC server (ops and finance have their roles). */
    public String token(String subject, String... scopes) {
        return LocalTokens.issue(oidc.issuerUrl(), subject, scopes);
    }

    /** The customer the system tests book as: a traveller of corporate account {@link #CORPORATE_ACCOUNT}. */
    public String customerToken() {
        return token(CUSTOMER, "corporate:" + CORPORATE_ACCOUNT);
    }

    /** A request to the booking API as {@link #customerToken()}. */
    public RequestSpecification asCustomer() {
        return given().baseUri(apiUrl()).auth().oauth2(customerToken());
    }

    /** A fresh economy offer for the flight, 30 days ahead, as a customer finds it ({@code GET /offers}). */
    public Offer offer(String origin, String destination, String flightNumber) {
        return Bookings.offer(asCustomer(), origin, destination, flightNumber);
    }

    /** Books the offer as a customer does, and returns the booking's id. */
    public String book(String email, Offer offer, String paymentToken) {
        return asCustomer().contentType(ContentType.JSON)
                .body(Bookings.body(offer.id(), "Ada Lovelace", email, paymentToken))
                .when().post("/bookings")
                .then().statusCode(202).extract().path("id");
    }

    public JsonPath booking(String id) {
        return asCustomer().when().get("/bookings/" + id).then().statusCode(200).extract().jsonPath();
    }

    public JsonPath timeline(String id) {
        return asCustomer().when().get("/bookings/" + id + "/timeline").then().statusCode(200).extract()
                .jsonPath();
    }

    public String status(String id) {
        return booking(id).getString("status");
    }

    public String partnersUrl() {
        return partners.baseUrl();
    }

    public String awsEndpoint() {
        return infrastructure.awsEndpoint();
    }

    /** What this run appends to every topic and queue name. */
    public String nameSuffix() {
        return nameSuffix;
    }

    public WireMock partners() {
        return new WireMock("127.0.0.1", partners.httpPort());
    }

    public Mailbox mailbox() {
        return new Mailbox(partners.pop3Port());
    }

    /** What the partners did for the bookings, as they count it (one effect per idempotency key). */
    public PartnerEffects partnerEffects() {
        return new PartnerEffects(partners());
    }

    /**
     * Returns once the whole system is quiet ({@link Quiescence}): every queue of this run empty, both apps' outboxes
     * published and no handler of either app holding a message. Count "once" and "never" after this.
     */
    public void awaitQuiescence() {
        try (SqsAsyncClient sqs = sqs()) {
            // Dead-letter queues end in -dlq: what lies there stays, and is no work in progress. A queue that delays
            // every delivery (the airline check's, by minutes) holds work planned for later, not part of the saga.
            List<String> queues = sqs.listQueues(r -> r.maxResults(1000)).join().queueUrls().stream()
                    .filter(url -> url.endsWith(nameSuffix))
                    .filter(url -> "0".equals(sqs.getQueueAttributes(r -> r.queueUrl(url)
                            .attributeNames(QueueAttributeName.DELAY_SECONDS)).join().attributes()
                            .getOrDefault(QueueAttributeName.DELAY_SECONDS, "0")))
                    .toList();
            Quiescence.of(sqs).queues(queues)
                    .outbox(this::unpublishedOutboxRows)
                    .handlers(() -> held(bookingApi) + held(workers)
                            + moreWorkers.stream().mapToDouble(RunningSystem::held).sum())
                    .await();
        }
    }

    /** A client of this system's SQS emulator; close it. */
    public SqsAsyncClient sqs() {
        return SqsAsyncClient.builder().endpointOverride(URI.create(infrastructure.awsEndpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    /** Outbox rows not yet published (parked ones included) in both apps' databases. */
    public long unpublishedOutboxRows() {
        return unpublished(LocalInfrastructure.BOOKING_API_DATABASE) + unpublished(LocalInfrastructure.WORKERS_DATABASE);
    }

    private long unpublished(String database) {
        // From the partial indexes that hold these rows: the outbox also keeps the rows it published, and a scan of
        // them all would load the PostgreSQL a benchmark measures.
        try (Connection connection = connect(database);
                PreparedStatement query = connection.prepareStatement("""
                        SELECT (SELECT count(*) FROM outbox WHERE published_at IS NULL AND parked_at IS NULL)
                             + (SELECT count(*) FROM outbox WHERE parked_at IS NOT NULL AND published_at IS NULL)""");
                ResultSet result = query.executeQuery()) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double held(AppProcess app) {
        return metrics(app).sum("flights_consumer_held");
    }

    /** What Prometheus scrapes from booking-api. */
    public Prometheus bookingApiMetrics() {
        return metrics(bookingApi);
    }

    /** What Prometheus scrapes from the workers. */
    public Prometheus workersMetrics() {
        return metrics(workers);
    }

    private static Prometheus metrics(AppProcess app) {
        return Prometheus.scrape(app.managementUrl());
    }

    public long workersCount(String sql, String bookingId) {
        return queryLong(LocalInfrastructure.WORKERS_DATABASE, sql, bookingId);
    }

    /**
     * Emails the workers decided on and have not handed to the mail server yet (the email outbox sends after the
     * decision commits): once none is waiting, the mailboxes hold everything there is to count.
     */
    public long emailsWaiting() {
        try (Connection connection = connect(LocalInfrastructure.WORKERS_DATABASE);
                PreparedStatement query = connection.prepareStatement(
                        "SELECT count(*) FROM email_outbox WHERE sent_at IS NULL AND parked_at IS NULL");
                ResultSet result = query.executeQuery()) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sum of the booking's ledger entries (charges positive, refunds negative). */
    public String ledgerBalance(String bookingId) {
        try (Connection connection = connect(LocalInfrastructure.WORKERS_DATABASE);
                PreparedStatement query = connection.prepareStatement(
                        "SELECT coalesce(sum(amount), 0) FROM ledger_entry WHERE booking_id = ?::uuid")) {
            query.setString(1, bookingId);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getBigDecimal(1).toPlainString();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(infrastructure.postgres().jdbcUrl(database), "postgres", "postgres");
    }

    private long queryLong(String database, String sql, String parameter) {
        try (Connection connection = connect(database); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> config(String database, Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(infrastructure.quarkusConfig(database));
        config.put("flights.messaging.name-suffix", nameSuffix);
        config.putAll(oidc.quarkusConfig());
        config.putAll(COMMON);
        config.putAll(appConfig);
        config.putAll(overrides);
        return config;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException e) {
            // Closed by another hook as the JVM exits: this one runs too, and whichever stops second waits.
        }
        stop();
    }

    private void stop() {
        synchronized (stopping) {
            if (stopped) {
                return;
            }
            stopped = true;
            try {
                stopBookingApi();
                moreWorkers.forEach(AppProcess::close);
                moreWorkers.clear();
                stopWorkers();
            } finally {
                try {
                    oidc.close();
                    partners.close();
                } finally {
                    infrastructure.close();
                }
            }
        }
    }
}
