package com.flightbooking.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The JVM that runs a packaged app locally, and its flags. With a JDK 25 or later at hand ({@code FLIGHTS_JAVA_HOME},
 * the JDK running this, or one under {@code /usr/lib/jvm}), the app gets an ahead-of-time cache (JEP 483/514/515: its
 * classes loaded and linked, and its methods' profiles; JDK 25 caches no compiled code) from an earlier run of the
 * same jar on the same JDK: it starts in a fraction of the time and spends less of its first minute compiling.
 * Without one, the first run on that JDK is the training run and writes the cache when it stops; a rebuilt jar trains
 * again. Without such a JDK, the app runs on this JVM's Java with no cache flags, as before.
 * {@code FLIGHTS_JAVA_OPTS} adds flags to every app.
 */
final class AppJvm {

    static final String JAVA_HOME_VARIABLE = "FLIGHTS_JAVA_HOME";
    static final String JAVA_OPTS_VARIABLE = "FLIGHTS_JAVA_OPTS";
    /** The first release whose AOT cache takes one training run and holds method profiles. */
    static final int AOT_FEATURE_RELEASE = 25;

    /**
     * C2 inlines less deep and smaller callees than by default (15 levels, 2,500 bytes of compiled code): on two
     * cores, compiling took a quarter less CPU in the first minute and 55 % less in the next two, and a booking less
     * CPU once warm (docs/benchmarks.md, "The first minute, slice by slice"). Before {@code FLIGHTS_JAVA_OPTS}, which can
     * set them back.
     */
    static final List<String> JIT_OPTIONS = List.of("-XX:MaxInlineLevel=9", "-XX:InlineSmallCode=1000");

    private static final Path JVM_DIRECTORY = Path.of("/usr/lib/jvm");
    /** The main class of a fast-jar: Quarkus' own class loader loads the app, which the JDK's AOT cache cannot hold. */
    private static final String FAST_JAR_MAIN_CLASS = "io.quarkus.bootstrap.runner.QuarkusEntryPoint";
    private static final String CACHE_PREFIX = "jvm-";
    private static final String CACHE_SUFFIX = ".aot";

    private final Path javaHome;
    private final int feature;
    private final List<String> extraOptions;

    AppJvm(Path javaHome, int feature, List<String> extraOptions) {
        this.javaHome = javaHome;
        this.feature = feature;
        this.extraOptions = List.copyOf(extraOptions);
    }

    /** The JVM the apps run on here, from the environment. */
    static AppJvm detect() {
        return detect(System.getenv(), Path.of(System.getProperty("java.home")), JVM_DIRECTORY);
    }

    static AppJvm detect(Map<String, String> environment, Path currentJavaHome, Path jvmDirectory) {
        List<String> options = Optional.ofNullable(environment.get(JAVA_OPTS_VARIABLE)).filter(o -> !o.isBlank())
                .map(o -> List.of(o.trim().split("\\s+"))).orElse(List.of());
        String configured = environment.get(JAVA_HOME_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            Path home = Path.of(configured.trim());
            return new AppJvm(home, featureRelease(home).orElseThrow(() -> new IllegalStateException(
                    JAVA_HOME_VARIABLE + "=" + configured + " is not a JDK: it has no release file")), options);
        }
        int current = featureRelease(currentJavaHome).orElse(Runtime.version().feature());
        if (current >= AOT_FEATURE_RELEASE) {
            return new AppJvm(currentJavaHome, current, options);
        }
        return installedJdks(jvmDirectory).filter(home -> featureRelease(home).orElse(0) >= AOT_FEATURE_RELEASE)
                .max(Comparator.comparingInt(home -> featureRelease(home).orElse(0)))
                .map(home -> new AppJvm(home, featureRelease(home).orElseThrow(), options))
                .orElseGet(() -> new AppJvm(currentJavaHome, current, options));
    }

    boolean aotCache() {
        return feature >= AOT_FEATURE_RELEASE;
    }

    /**
     * The command up to the jar's arguments: java, the cache flags, {@link #JIT_OPTIONS}, {@code FLIGHTS_JAVA_OPTS},
     * then {@code options}.
     */
    Launch launch(Path quarkusRunJar, List<String> options) {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin/java").toString());
        Optional<Path> training = Optional.empty();
        if (aotCache()) {
            Path cache = cacheFile(quarkusRunJar);
            if (Files.isRegularFile(cache)) {
                command.add("-XX:AOTCache=" + cache);
            } else {
                // Written by the JVM as it exits, under a name of its own: apps started at once train side by side.
                Path output = cache.resolveSibling(cache.getFileName() + "." + ProcessHandle.current().pid() + "-"
                        + System.nanoTime() + ".training");
                command.add("-XX:AOTCacheOutput=" + output);
                training = Optional.of(output);
            }
            // Its warnings about each class it leaves out of the cache (generated proxies, say) are noise in the app's log.
            command.add("-Xlog:aot*=off");
            command.add("-Xlog:cds*=off");
        }
        command.addAll(JIT_OPTIONS);
        command.addAll(extraOptions);
        command.addAll(options);
        command.add("-jar");
        command.add(quarkusRunJar.toString());
        Path cache = aotCache() ? cacheFile(quarkusRunJar) : null;
        String runtime = "Java " + feature + " (" + javaHome + ")";
        String description = runtime;
        if (aotCache()) {
            description += training.isPresent() ? ", training its AOT cache: written as it stops, used from the next start"
                    : ", AOT cache " + cache.getFileName();
            if (fastJar(quarkusRunJar)) {
                description += "; packaged as fast-jar, so the cache holds the JDK's classes only"
                        + " (-Dquarkus.package.jar.type=aot-jar, as ./run-local builds, puts the app's in too)";
            }
        }
        return new Launch(command, training.map(output -> new Training(output, cache)), description);
    }

    /**
     * Where the cache for this jar on this JDK lives: next to the jar, named after the JDK, {@code FLIGHTS_JAVA_OPTS}
     * and every file the app loads (paths, sizes, modification times), so that a rebuild, another JDK or other flags
     * find none and train anew.
     */
    Path cacheFile(Path quarkusRunJar) {
        Path app = quarkusRunJar.toAbsolutePath().getParent();
        try (Stream<Path> files = Files.walk(app)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(javaHome.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
            digest.update(Files.readAllBytes(javaHome.resolve("release")));
            // A cache trained with other flags (another GC, say) is one the JVM may refuse.
            digest.update(String.join(" ", JIT_OPTIONS).getBytes(StandardCharsets.UTF_8));
            digest.update(String.join(" ", extraOptions).getBytes(StandardCharsets.UTF_8));
            for (Path file : files.filter(f -> f.toString().endsWith(".jar") || f.toString().endsWith(".dat"))
                    .sorted().toList()) {
                digest.update((app.relativize(file) + ":" + Files.size(file) + ":"
                        + Files.getLastModifiedTime(file).toMillis() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return app.resolve(CACHE_PREFIX + HexFormat.of().formatHex(digest.digest(), 0, 8) + CACHE_SUFFIX);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + app, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean fastJar(Path quarkusRunJar) {
        try (JarFile jar = new JarFile(quarkusRunJar.toFile())) {
            Manifest manifest = jar.getManifest();
            return manifest != null
                    && FAST_JAR_MAIN_CLASS.equals(manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS));
        } catch (IOException e) {
            return false;
        }
    }

    private static Stream<Path> installedJdks(Path jvmDirectory) {
        if (!Files.isDirectory(jvmDirectory)) {
            return Stream.empty();
        }
        try (Stream<Path> homes = Files.list(jvmDirectory)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java"))).toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    /** The JDK's feature release from its {@code release} file (JAVA_VERSION="25.0.3"). */
    static Optional<Integer> featureRelease(Path javaHome) {
        Path release = javaHome.resolve("release");
        if (!Files.isRegularFile(release)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(release)) {
            properties.load(reader);
        } catch (IOException e) {
            return Optional.empty();
        }
        String version = properties.getProperty("JAVA_VERSION", "").replace("\"", "");
        String feature = version.startsWith("1.") ? version.substring(2) : version;
        try {
            return Optional.of(Integer.parseInt(feature.split("[.+-]")[0]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** @param description which Java, and what of the AOT cache, for the app's log */
    record Launch(List<String> command, Optional<Training> training, String description) {
    }

    /** A training run's output, put in place as the cache once the app has exited. */
    record Training(Path output, Path cache) {

        /** @return whether the run left a cache (a killed app or a failed assembly leaves none) */
        boolean complete() {
            try {
                if (!Files.isRegularFile(output) || Files.size(output) == 0) {
                    Files.deleteIfExists(output);
                    return false;
                }
                Files.move(output, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                removeStaleCaches();
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        /** Removes what a run stopped by force may have left half written. */
        void abandon() {
            try {
                Files.deleteIfExists(output);
                Files.deleteIfExists(output.resolveSibling(output.getFileName() + ".config"));
            } catch (IOException e) {
                // A leftover file is never used: the next training run writes under a name of its own.
            }
        }

        private void removeStaleCaches() throws IOException {
            try (Stream<Path> files = Files.list(cache.getParent())) {
                for (Path stale : files.filter(f -> f.getFileName().toString().startsWith(CACHE_PREFIX)
                        && f.getFileName().toString().endsWith(CACHE_SUFFIX) && !f.equals(cache)).toList()) {
                    Files.deleteIfExists(stale);
                }
            }
        }
    }
}
