package com.flightbooking.events.testing;

import static org.assertj.core.api.Assertions.assertThat;

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

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
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
     * The port the app listens on outside tests ({@code quarkus.http.port} or {@code quarkus.management.port}), from
     * its application.properties: in a test run Quarkus replaces both with test ports.
     */
    public static int configuredPort(String key) {
        Properties properties = new Properties();
        try (InputStream in = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream("application.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String port = properties.getProperty(key);
        if (port == null) {
            throw new AssertionError(key + " is not set in application.properties");
        }
        return Integer.parseInt(port.trim());
    }

    /**
     * The container declares the app's API port as {@code http} and its management interface as {@code management},
     * and its probes ask the management interface paths the running app (under test) answers.
     */
    public static void assertPortsAndProbesMatchTheApp(Container container) {
        assertThat(container.getPorts()).anySatisfy(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getContainerPort()).isEqualTo(configuredPort("quarkus.http.port"));
        });
        assertThat(container.getPorts()).anySatisfy(port -> {
            assertThat(port.getName()).isEqualTo("management");
            assertThat(port.getContainerPort()).isEqualTo(configuredPort("quarkus.management.port"));
        });
        assertThat(container.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("QUARKUS_MANAGEMENT_HOST");
            assertThat(env.getValue()).isEqualTo("0.0.0.0");
        });
        for (Probe probe : List.of(container.getStartupProbe(), container.getLivenessProbe(),
                container.getReadinessProbe())) {
            HTTPGetAction get = probe.getHttpGet();
            assertThat(get.getPort().getStrVal()).isEqualTo("management");
            ManagementPort.given().when().get(get.getPath()).then().statusCode(200);
        }
    }

    /** The NetworkPolicy that selects the pods of {@code app} (label app.kubernetes.io/name). */
    public NetworkPolicy networkPolicyFor(String app) {
        return resources.stream().filter(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast)
                .filter(policy -> app.equals(policy.getSpec().getPodSelector().getMatchLabels()
                        .get("app.kubernetes.io/name")))
                .findFirst().orElseThrow(() -> new AssertionError("no NetworkPolicy for " + app));
    }

    /** The peer is the monitoring namespace (where Prometheus runs). */
    public static boolean isMonitoring(NetworkPolicyPeer peer) {
        return peer.getNamespaceSelector() != null && "monitoring".equals(
                peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"));
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
