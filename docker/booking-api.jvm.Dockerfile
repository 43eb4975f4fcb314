# syntax=docker/dockerfile:1
# booking-api in JVM mode (Quarkus fast-jar). Build context: the repository root. Package the app first, then:
#   ./mvnw -B -ntp package -DskipTests -pl booking-api -am
#   docker build -f docker/booking-api.jvm.Dockerfile -t flight-booking/booking-api:jvm .
# Configuration is by environment variables: see docker/README.md.
FROM registry.access.redhat.com/ubi9/openjdk-17-runtime:1.24

ENV LANGUAGE='en_US:en'

COPY --chmod=0755 docker/healthcheck.sh /usr/local/bin/healthcheck

# Four layers, from least to most often changed, so that a code change rebuilds and ships only the last ones.
COPY --chown=185 booking-api/target/quarkus-app/lib/ /deployments/lib/
COPY --chown=185 booking-api/target/quarkus-app/*.jar /deployments/
COPY --chown=185 booking-api/target/quarkus-app/app/ /deployments/app/
COPY --chown=185 booking-api/target/quarkus-app/quarkus/ /deployments/quarkus/

USER 185
# The API, and the management interface (health and metrics).
EXPOSE 8080 9000
# The app binds loopback by default; in a container it must listen on every interface. C2 inlines less than by
# default, as the local runs do (AppJvm.JIT_OPTIONS): on two cores, less CPU to warm up and once warm.
ENV QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_MANAGEMENT_HOST=0.0.0.0 \
    JAVA_OPTS_APPEND="-Djava.util.logging.manager=org.jboss.logmanager.LogManager -XX:MaxInlineLevel=9 -XX:InlineSmallCode=1000" \
    JAVA_APP_JAR="/deployments/quarkus-run.jar"

# Readiness (database and messaging included), since docker compose's depends_on waits on this status.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 CMD ["/usr/local/bin/healthcheck", "9000"]

# run-java.sh execs java, so the JVM is PID 1 and receives SIGTERM directly.
ENTRYPOINT ["/opt/jboss/container/java/run/run-java.sh"]
