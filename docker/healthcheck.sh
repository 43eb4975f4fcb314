#!/bin/bash
# Container health probe: healthy when GET http://127.0.0.1:<port><path> answers 200, on the app's management
# interface (health and metrics have a port of their own, apart from the API).
#   healthcheck <default management port> [path]     (QUARKUS_MANAGEMENT_PORT, when set, wins over the default)
# Plain bash (/dev/tcp) because the native runtime image has no curl and the JVM one has no JDK tools;
# bash is in both (run-java.sh is a bash script; the Quarkus micro image ships bash).
set -u
port=${QUARKUS_MANAGEMENT_PORT:-${1:?usage: healthcheck <management port> [path]}}
path=${2:-/q/health/ready}

exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$path" >&3
IFS= read -r -t 5 status <&3 || exit 1
# Read the rest (the server closes after an HTTP/1.0 answer) so that closing early does not reset the connection.
while IFS= read -r -t 5 _; do :; done <&3
[[ $status == HTTP/1.[01]" 200 "* ]]
