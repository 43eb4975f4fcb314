#!/usr/bin/env bash
# Run by the `native` Maven profile before anything is built: a native executable needs either a local GraalVM or
# Mandrel (native-image), which Quarkus then uses, or a working container runtime, to which Quarkus falls back to run
# the Mandrel builder image. Without either, say so at once instead of failing deep inside the build.
set -u

for candidate in "${GRAALVM_HOME:-}/bin/native-image" "${JAVA_HOME:-}/bin/native-image" "$(command -v native-image 2>/dev/null)"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then
    echo "Native build: using the local native-image at $candidate"
    exit 0
  fi
done

for runtime in docker podman; do
  if command -v "$runtime" >/dev/null 2>&1 && "$runtime" info >/dev/null 2>&1; then
    echo "Native build: no local native-image; building inside the Mandrel builder image with $runtime"
    exit 0
  fi
done

cat >&2 <<'MSG'

  A native build needs a container runtime (a running Docker or Podman engine) or a local GraalVM/Mandrel
  (native-image on the PATH, or GRAALVM_HOME set), and this machine has neither.
  - With Docker or Podman: ./mvnw -Pnative -DskipTests package   (builds inside the Mandrel builder image)
  - Or build the native container images directly: see docker/README.md
  - Everything else (tests, ./run-local) runs in JVM mode without either.

MSG
exit 1
