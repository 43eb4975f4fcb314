# syntax=docker/dockerfile:1
# workers as a native executable, compiled inside the first stage (no local GraalVM or Maven run needed).
# Build context: the repository root.
#   docker build -f docker/workers.native.Dockerfile -t flight-booking/workers:native .
# The native-image step takes several minutes and several GB of memory. Configuration is by environment variables:
# see docker/README.md.
# Give it 30 s to stop (docker run --stop-timeout 30, compose stop_grace_period): on SIGTERM the worker roles
# drain for up to 20 s.
ARG BUILDER_IMAGE=quay.io/quarkus/ubi9-quarkus-mandrel-builder-image:jdk-21

FROM ${BUILDER_IMAGE} AS build
# Every module's pom is needed (the root pom lists them all); only the sources this app builds from are copied.
COPY --chown=quarkus:quarkus --chmod=0755 mvnw /code/
COPY --chown=quarkus:quarkus .mvn/ /code/.mvn/
COPY --chown=quarkus:quarkus pom.xml /code/
COPY --chown=quarkus:quarkus local-infra/pom.xml /code/local-infra/
COPY --chown=quarkus:quarkus common-events/pom.xml /code/common-events/
COPY --chown=quarkus:quarkus booking-api/pom.xml /code/booking-api/
COPY --chown=quarkus:quarkus workers/pom.xml /code/workers/
COPY --chown=quarkus:quarkus system-tests/pom.xml /code/system-tests/
COPY --chown=quarkus:quarkus src-native/ /code/src-native/
# local-infra is a provided (dev mode and test) dependency: -am builds it, the native executable never holds it.
COPY --chown=quarkus:quarkus local-infra/src/ /code/local-infra/src/
COPY --chown=quarkus:quarkus common-events/src/ /code/common-events/src/
COPY --chown=quarkus:quarkus workers/src/ /code/workers/src/
USER quarkus
WORKDIR /code
# This stage is the native toolchain, so Quarkus must not try to start a builder container of its own.
# The cache mounts keep the Maven repository and the wrapper's Maven between builds.
RUN --mount=type=cache,target=/home/quarkus/.m2/repository,uid=1001,gid=1001 \
    --mount=type=cache,target=/home/quarkus/.m2/wrapper,uid=1001,gid=1001 \
    ./mvnw -B -ntp -Pnative -DskipTests -Dquarkus.native.container-build=false -pl workers -am package

FROM quay.io/quarkus/ubi9-quarkus-micro-image:2.0
WORKDIR /work
COPY --chmod=0755 docker/healthcheck.sh /usr/local/bin/healthcheck
COPY --from=build --chown=1001:0 --chmod=0755 \
    /code/workers/target/workers-1.0.0-SNAPSHOT-runner /work/application

USER 1001
# The API, and the management interface (health and metrics).
EXPOSE 8081 9001
# The app binds loopback by default; in a container it must listen on every interface.
ENV QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_MANAGEMENT_HOST=0.0.0.0

# Readiness (database and messaging included), since docker compose's depends_on waits on this status.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 CMD ["/usr/local/bin/healthcheck", "9001"]

CMD ["/work/application"]
