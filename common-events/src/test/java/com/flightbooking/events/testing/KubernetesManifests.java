package com.flightbooking.events.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** The Kubernetes manifests in {@code docker/kubernetes}, parsed with the fabric8 model for tests to check. */
public final class KubernetesManifests {

    private final List<HasMetadata> resources;

    private KubernetesManifests(List<HasMetadata> resources) {
        this.resources = resources;
    }

    /** Loads every {@code *.yaml} in {@code docker/kubernetes}, from a module directory (the tests' working dir). */
    public static KubernetesManifests load() {
        Path directory = Path.of("..", "docker", "kubernetes");
        KubernetesSerialization serialization = new KubernetesSerialization();
        List<HasMetadata> resources = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (String document : Files.readString(file).split("(?m)^---\\s*$")) {
                    if (!document.isBlank()) {
                        resources.add(serialization.unmarshal(document, HasMetadata.class));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + directory.toAbsolutePath(), e);
        }
        return new KubernetesManifests(resources);
    }

    /**
     * The HTTP port the app listens on outside tests, from its application.properties (in a test run Quarkus
     * replaces {@code quarkus.http.port} with the test port).
     */
    public static int configuredHttpPort() {
        Properties properties = new Properties();
        try (InputStream in = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream("application.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Integer.parseInt(properties.getProperty("quarkus.http.port", "8080").trim());
    }

    public List<HasMetadata> all() {
        return resources;
    }

    public List<Deployment> deployments() {
        return resources.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).toList();
    }

    /** Resources of a kind the fabric8 model does not know (KEDA's, for one). */
    public List<GenericKubernetesResource> custom(String kind) {
        return resources.stream().filter(GenericKubernetesResource.class::isInstance)
                .map(GenericKubernetesResource.class::cast).filter(r -> kind.equals(r.getKind())).toList();
    }

    @SuppressWarnings("unchecked")
    public static Object path(GenericKubernetesResource resource, Object... keys) {
        Object current = resource.getAdditionalProperties();
        for (Object key : keys) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(key);
            } else if (current instanceof List<?> list && key instanceof Integer index) {
                current = list.get(index);
            } else {
                return null;
            }
        }
        return current;
    }
}
