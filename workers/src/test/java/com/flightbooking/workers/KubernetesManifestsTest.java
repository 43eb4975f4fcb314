package com.flightbooking.workers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.flightbooking.events.testing.KubernetesManifests;
import com.flightbooking.kit.consumer.SqsEventConnector;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.quarkus.test.junit.QuarkusTest;

/** The worker manifests in docker/kubernetes against the running app and its configured roles. */
@QuarkusTest
class KubernetesManifestsTest {

    private final KubernetesManifests manifests = KubernetesManifests.load();
    private final Config config = ConfigProvider.getConfig();

    @Test
    void everyWorkerRoleHasItsOwnDeploymentAndScalesOnItsOwnQueue() {
        Set<String> roles = roles();
        assertThat(roles).isNotEmpty();

        for (String role : roles) {
            Deployment deployment = deploymentOf(role);
            GenericKubernetesResource scaledObject = manifests.custom("ScaledObject").stream()
                    .filter(s -> deployment.getMetadata().getName()
                            .equals(KubernetesManifests.path(s, "spec", "scaleTargetRef", "name")))
                    .findFirst().orElseThrow(() -> new AssertionError("no ScaledObject for role " + role));
            assertThat(KubernetesManifests.path(scaledObject, "spec", "triggers", 0, "type")).isEqualTo("aws-sqs-queue");
            assertThat((String) KubernetesManifests.path(scaledObject, "spec", "triggers", 0, "metadata", "queueURL"))
                    .endsWith("/" + role);
        }
    }

    @Test
    void probesAskTheManagementInterfaceOnThePortsTheAppListensOn() {
        for (String role : roles()) {
            KubernetesManifests.assertPortsAndProbesMatchTheApp(
                    deploymentOf(role).getSpec().getTemplate().getSpec().getContainers().get(0));
        }
    }

    @Test
    void onlyMonitoringReachesTheWorkersAndOnlyTheirManagementPort() {
        NetworkPolicy workers = manifests.networkPolicyFor("workers");
        assertThat(workers.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getFrom()).singleElement().matches(KubernetesManifests::isMonitoring);
            assertThat(rule.getPorts()).singleElement().satisfies(port -> assertThat(port.getPort().getIntVal())
                    .isEqualTo(KubernetesManifests.configuredPort("quarkus.management.port")));
        });
    }

    @Test
    void workersRunAsNonRootAndOutliveTheirDrainDeadline() {
        for (String role : roles()) {
            var pod = deploymentOf(role).getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
            Duration drain = config.getOptionalValue("mp.messaging.incoming." + role + ".drain-timeout", Duration.class)
                    .orElse(Duration.ofSeconds(20));
            // One after the other: the scheduled rounds, then the consumers' drain.
            assertThat(Duration.ofSeconds(pod.getTerminationGracePeriodSeconds()))
                    .isGreaterThan(config.getValue("flights.scheduled-rounds.shutdown-timeout", Duration.class).plus(drain));
            assertThat(manifests.all()).anySatisfy(r -> {
                assertThat(r.getKind()).isEqualTo("PodDisruptionBudget");
                assertThat(r.getMetadata().getName()).isEqualTo(deploymentOf(role).getMetadata().getName());
            });
        }
    }

    /** The roles this build consumes: every incoming channel on the kit's connector. */
    private Set<String> roles() {
        return StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .filter(name -> name.startsWith("mp.messaging.incoming.") && name.endsWith(".connector"))
                .filter(name -> SqsEventConnector.NAME.equals(config.getValue(name, String.class)))
                .map(name -> name.substring("mp.messaging.incoming.".length(), name.length() - ".connector".length()))
                .collect(Collectors.toSet());
    }

    private Deployment deploymentOf(String role) {
        return manifests.deployments().stream()
                .filter(d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                        .anyMatch(e -> isRoles(e, role)))
                .findFirst().orElseThrow(() -> new AssertionError("no Deployment with WORKER_ROLES=" + role));
    }

    private static boolean isRoles(EnvVar env, String role) {
        return "WORKER_ROLES".equals(env.getName()) && role.equals(env.getValue());
    }
}
