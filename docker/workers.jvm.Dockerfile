# syntax=docker/dockerfile:1
# workers in JVM mode (Quarkus fast-jar). Build context: the repository root. Package the app first, then:
#   ./mvnw -B -ntp package -DskipTests -pl workers -am
#   docker build -f docker/workers.jvm.Dockerfile -t flight-booking/workers:jvm .
# Configuration is by environment variables: see docker/README.md.
# Give it 30 s to stop (docker run --stop-timeout 30, compose stop_grace_period): on SIGTERM the worker roles
# drain for up to 20 s.
FROM registry.access.redhat.com/ubi9/openjdk-17-runtime:1.24

ENV LANGUAGE='en_US:en'

COPY --chmod=0755 docker/healthcheck.sh /usr/local/bin/healthcheck

# Four layers, from least to most often changed, so that a code change rebuilds and ships only the last ones.
COPY --chown=185 workers/target/quarkus-app/lib/ /deployments/lib/
COPY --chown=185 workers/target/quarkus-app/*.jar /deployments/
COPY --chown=185 workers/target/quarkus-app/app/ /deployments/app/
COPY --chown=185 workers/target/quarkus-app/quarkus/ /deployments/quarkus/

USER 185
# The API, and the management interface (health and metrics).
EXPOSE 8081 9001
# The app binds loopback by default; in a container it must listen on every interface. C2 inlines less than by
# default, as the local runs do (AppJvm.JIT_OPTIONS): on two cores, less CPU to warm up and once warm.
ENV QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_MANAGEMENT_HOST=0.0.0.0 \
    JAVA_OPTS_APPEND="-Djava.util.logging.manager=org.jboss.logmanager.LogManager -XX:MaxInlineLevel=9 -XX:InlineSmallCode=1000" \
    JAVA_APP_JAR="/deployments/quarkus-run.jar"

# Readiness (database and messaging included), since docker compose's depends_on waits on this status.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 CMD ["/usr/local/bin/healthcheck", "9001"]

# run-java.sh execs java, so the JVM is PID 1 and receives SIGTERM directly.
ENTRYPOINT ["/opt/jboss/container/java/run/run-java.sh"]
