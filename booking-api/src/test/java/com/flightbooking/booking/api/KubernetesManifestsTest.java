package com.flightbooking.booking.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.flightbooking.events.testing.KubernetesManifests;
import com.flightbooking.kit.consumer.SqsEventConnector;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.quarkus.test.junit.QuarkusTest;

/** The booking-api manifests in docker/kubernetes against the running app. */
@QuarkusTest
class KubernetesManifestsTest {

    private final KubernetesManifests manifests = KubernetesManifests.load();
    private final Config config = ConfigProvider.getConfig();

    @Test
    void probesAskTheManagementInterfaceOnThePortsTheAppListensOn() {
        KubernetesManifests.assertPortsAndProbesMatchTheApp(
                deployment().getSpec().getTemplate().getSpec().getContainers().get(0));
    }

    @Test
    void runsAsNonRootAndScalesOnCpuWithADisruptionBudget() {
        var pod = deployment().getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
        assertThat(manifests.all()).filteredOn(HorizontalPodAutoscaler.class::isInstance)
                .map(HorizontalPodAutoscaler.class::cast)
                .anySatisfy(hpa -> {
                    assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("booking-api");
                    assertThat(hpa.getSpec().getMetrics().get(0).getResource().getName()).isEqualTo("cpu");
                });
        assertThat(manifests.all()).filteredOn(PodDisruptionBudget.class::isInstance)
                .map(PodDisruptionBudget.class::cast)
                .anySatisfy(pdb -> assertThat(pdb.getSpec().getSelector().getMatchLabels())
                        .containsEntry("app.kubernetes.io/name", "booking-api"));
    }

    @Test
    void theIngressAndTheAirlineCheckReachTheApiAndOnlyMonitoringItsManagementPort() {
        List<NetworkPolicy> policies = manifests.all().stream().filter(NetworkPolicy.class::isInstance)
                .map(NetworkPolicy.class::cast).toList();

        assertThat(policies).anySatisfy(deny -> {
            assertThat(deny.getSpec().getPodSelector().getMatchLabels())
                    .containsEntry("app.kubernetes.io/part-of", "flight-booking");
            assertThat(deny.getSpec().getIngress()).isEmpty();
        });
        NetworkPolicy api = manifests.networkPolicyFor("booking-api");
        assertThat(api.getSpec().getIngress()).hasSize(2);
        assertThat(api.getSpec().getIngress().get(0)).satisfies(rule -> {
            assertThat(rule.getFrom()).hasSize(2).noneMatch(KubernetesManifests::isMonitoring);
            assertThat(rule.getPorts()).singleElement().satisfies(port -> assertThat(port.getPort().getIntVal())
                    .isEqualTo(KubernetesManifests.configuredPort("quarkus.http.port")));
        });
        assertThat(api.getSpec().getIngress().get(1)).satisfies(rule -> {
            assertThat(rule.getFrom()).singleElement().matches(KubernetesManifests::isMonitoring);
            assertThat(rule.getPorts()).singleElement().satisfies(port -> assertThat(port.getPort().getIntVal())
                    .isEqualTo(KubernetesManifests.configuredPort("quarkus.management.port")));
        });
    }

    @Test
    void outlivesItsShutdownWaits() {
        Set<String> roles = roles();
        assertThat(roles).contains("booking-status");
        Long grace = deployment().getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
        assertThat(grace).as("terminationGracePeriodSeconds").isNotNull();
        // One after the other: the scheduled rounds, the consumers' drain, the response events' last batches.
        Duration rounds = config.getValue("flights.scheduled-rounds.shutdown-timeout", Duration.class);
        Duration responseEvents = config.getValue("flights.response-events.shutdown-timeout", Duration.class);
        for (String role : roles) {
            Duration drain = config.getOptionalValue("mp.messaging.incoming." + role + ".drain-timeout", Duration.class)
                    .orElse(Duration.ofSeconds(20));
            assertThat(Duration.ofSeconds(grace)).as("grace period against the shutdown waits with the drain of " + role)
                    .isGreaterThan(rounds.plus(drain).plus(responseEvents));
        }
    }

    /** The queues this app consumes: every incoming channel on the kit's connector. */
    private Set<String> roles() {
        return StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .filter(name -> name.startsWith("mp.messaging.incoming.") && name.endsWith(".connector"))
                .filter(name -> SqsEventConnector.NAME.equals(config.getValue(name, String.class)))
                .map(name -> name.substring("mp.messaging.incoming.".length(), name.length() - ".connector".length()))
                .collect(Collectors.toSet());
    }

    private Deployment deployment() {
        return manifests.deployments().stream().filter(d -> "booking-api".equals(d.getMetadata().getName()))
                .findFirst().orElseThrow(() -> new AssertionError("no booking-api Deployment"));
    }
}
