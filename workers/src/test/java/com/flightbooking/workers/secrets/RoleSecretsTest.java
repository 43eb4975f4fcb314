package com.flightbooking.workers.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.flightbooking.events.testing.KubernetesManifests;
import com.flightbooking.kit.secrets.PaymentTokenSealer;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The workers' real configuration files (the shared defaults and application.properties, at the ordinals Quarkus gives
 * them), read as production reads them with no secret in the environment, and as local runs and tests read them.
 */
class RoleSecretsTest {

    private static final List<String> ALL_ROLES = List.of("payment", "fulfilment", "ledger", "notification",
            "airline-check", "reminders");

    @ParameterizedTest
    @ValueSource(strings = { "payment", "fulfilment", "airline-check" })
    void inProductionARoleDoesNotStartWithoutItsSecretsAndNamesTheVariableToSet(String role) {
        SmallRyeConfig production = config("prod");

        assertThatThrownBy(() -> RoleSecrets.check(production, List.of(role)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("The " + role + " role needs")
                .hasMessageContaining(RoleSecrets.BY_ROLE.get(role).get(0).environmentVariable());
    }

    @Test
    void rolesWithoutSecretsStartWithoutThem() {
        assertThatCode(() -> RoleSecrets.check(config("prod"), List.of("ledger", "notification", "reminders")))
                .doesNotThrowAnyException();
    }

    @Test
    void noSecretHasAProductionValueAndEachIsNamedAfterItsVariable() {
        SmallRyeConfig production = config("prod");

        for (List<RoleSecrets.Secret> secrets : RoleSecrets.BY_ROLE.values()) {
            for (RoleSecrets.Secret secret : secrets) {
                assertThat(production.getOptionalValue(secret.property(), String.class)).as(secret.property())
                        .isEmpty();
                assertThat(production.getConfigValue(secret.property()).getRawValue()).as(secret.property())
                        .contains("${" + secret.environmentVariable());
            }
        }
    }

    @Test
    void noDatabaseLoginHasAProductionDefault() {
        SmallRyeConfig production = config("prod");

        assertThatThrownBy(() -> production.getValue("quarkus.datasource.username", String.class))
                .hasMessageContaining("DB_USERNAME");
        assertThatThrownBy(() -> production.getValue("quarkus.datasource.password", String.class))
                .hasMessageContaining("DB_PASSWORD");
    }

    @Test
    void localRunsAndTestsHaveEverySecret() {
        SmallRyeConfig local = config("local");

        assertThatCode(() -> RoleSecrets.check(local, ALL_ROLES)).doesNotThrowAnyException();
        assertThatCode(() -> new PaymentTokenSealer(local.getValue(PaymentTokenSealer.KEY_PROPERTY, String.class)))
                .doesNotThrowAnyException();
    }

    @Test
    void eachRolesDeploymentGetsItsSecretsFromAKubernetesSecret() {
        List<Deployment> deployments = KubernetesManifests.load().deployments();

        RoleSecrets.BY_ROLE.forEach((role, secrets) -> {
            List<EnvVar> env = deployments.stream()
                    .map(d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                    .filter(vars -> vars.stream().anyMatch(
                            v -> "WORKER_ROLES".equals(v.getName()) && role.equals(v.getValue())))
                    .findFirst().orElseThrow(() -> new AssertionError("no Deployment for role " + role));
            for (RoleSecrets.Secret secret : secrets) {
                assertThat(env).as(role + " " + secret.environmentVariable()).anySatisfy(v -> {
                    assertThat(v.getName()).isEqualTo(secret.environmentVariable());
                    assertThat(v.getValueFrom().getSecretKeyRef()).isNotNull();
                });
            }
        });
    }

    private static SmallRyeConfig config(String profile) {
        return new SmallRyeConfigBuilder()
                .withProfile(profile)
                .withSources(source("META-INF/microprofile-config.properties", "common-events", 100),
                        source("application.properties", "workers", 250))
                .build();
    }

    /** The resource of that module: other jars on the class path have a microprofile-config.properties too. */
    private static PropertiesConfigSource source(String resource, String module, int ordinal) {
        try {
            URL url = Collections.list(RoleSecretsTest.class.getClassLoader().getResources(resource)).stream()
                    .filter(u -> u.toString().contains("/" + module + "/"))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + resource + " of " + module));
            return new PropertiesConfigSource(url, ordinal);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
