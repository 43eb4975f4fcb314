package com.flightbooking.booking.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.testing.KubernetesManifests;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The scrape configuration and the alerts in docker/kubernetes: every Deployment's pods are scraped on their
 * management port, the monitoring namespace may reach that port, and the PrometheusRule carries exactly the rules of
 * docker/monitoring/alerts.rules.yaml (the one file to edit).
 */
class MonitoringManifestsTest {

    private static final String MANAGEMENT_PORT = "management";

    private final KubernetesManifests manifests = KubernetesManifests.load();

    @Test
    void everyDeploymentIsScrapedOnItsManagementPortByOnePodMonitor() {
        List<GenericKubernetesResource> monitors = manifests.custom("PodMonitor");
        assertThat(manifests.deployments()).isNotEmpty();
        for (Deployment deployment : manifests.deployments()) {
            String name = deployment.getMetadata().getName();
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(monitors).as("PodMonitors selecting %s", name)
                    .filteredOn(monitor -> podLabels.entrySet().containsAll(matchLabels(monitor).entrySet()))
                    .singleElement().satisfies(monitor -> {
                        assertThat(KubernetesManifests.path(monitor, "spec", "podMetricsEndpoints", 0, "port"))
                                .isEqualTo(MANAGEMENT_PORT);
                        assertThat(KubernetesManifests.path(monitor, "spec", "podMetricsEndpoints", 0, "path"))
                                .isEqualTo("/q/metrics");
                        // The alerts and the dashboard group by app.
                        assertThat((List<?>) KubernetesManifests.path(monitor, "spec", "podMetricsEndpoints", 0,
                                "relabelings")).anySatisfy(relabel -> assertThat(relabel)
                                        .isEqualTo(Map.of("sourceLabels",
                                                List.of("__meta_kubernetes_pod_label_app_kubernetes_io_name"),
                                                "targetLabel", "app")));
                    });
            assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts())
                    .as("container ports of %s", name).extracting(ContainerPort::getName).contains(MANAGEMENT_PORT);
        }
    }

    @Test
    void theMonitoringNamespaceReachesEveryScrapedPort() {
        List<NetworkPolicy> policies = manifests.all().stream().filter(NetworkPolicy.class::isInstance)
                .map(NetworkPolicy.class::cast).toList();
        for (Deployment deployment : manifests.deployments()) {
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            ContainerPort management = deployment.getSpec().getTemplate().getSpec().getContainers().get(0)
                    .getPorts().stream().filter(port -> MANAGEMENT_PORT.equals(port.getName())).findFirst()
                    .orElseThrow(() -> new AssertionError(deployment.getMetadata().getName()
                            + " has no container port named " + MANAGEMENT_PORT));
            List<NetworkPolicyIngressRule> fromMonitoring = policies.stream()
                    .filter(policy -> podLabels.entrySet()
                            .containsAll(policy.getSpec().getPodSelector().getMatchLabels().entrySet()))
                    .flatMap(policy -> policy.getSpec().getIngress().stream())
                    .filter(rule -> rule.getFrom().stream().anyMatch(peer -> peer.getNamespaceSelector() != null
                            && "monitoring".equals(peer.getNamespaceSelector().getMatchLabels()
                                    .get("kubernetes.io/metadata.name"))))
                    .toList();
            assertThat(fromMonitoring).as("ingress from the monitoring namespace to %s",
                    deployment.getMetadata().getName()).anySatisfy(
                            rule -> assertThat(rule.getPorts())
                                    .anySatisfy(port -> assertThat(port.getPort()).isIn(
                                            new IntOrString(management.getContainerPort()),
                                            new IntOrString(MANAGEMENT_PORT))));
        }
    }

    @Test
    void thePrometheusRuleCarriesExactlyTheRulesOfTheRulesFile() throws IOException {
        Path rulesFile = Path.of("..", "docker", "monitoring", "alerts.rules.yaml");
        Map<?, ?> rules = new KubernetesSerialization().unmarshal(Files.readString(rulesFile), Map.class);

        assertThat(manifests.custom("PrometheusRule")).singleElement()
                .satisfies(rule -> assertThat(KubernetesManifests.path(rule, "spec", "groups"))
                        .as("spec.groups of the PrometheusRule; regenerate it with "
                                + "docker/monitoring/generate-prometheus-rule docker/kubernetes/prometheus-rules.yaml")
                        .isEqualTo(rules.get("groups")));
        assertThat((List<?>) rules.get("groups")).isNotEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> matchLabels(GenericKubernetesResource monitor) {
        return (Map<String, String>) KubernetesManifests.path(monitor, "spec", "selector", "matchLabels");
    }
}
