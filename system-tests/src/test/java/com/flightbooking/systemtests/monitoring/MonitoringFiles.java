package com.flightbooking.systemtests.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** The PromQL expressions of docker/monitoring: the dashboard's targets and the alerting rules, each by where it is. */
final class MonitoringFiles {

    static final Path DIRECTORY = Path.of(System.getProperty("flights.project-root", ".."), "docker", "monitoring");

    private MonitoringFiles() {
    }

    /** Expression by origin ({@code dashboard: <panel title> <refId>}, {@code rule: <alert>}). */
    static Map<String, String> expressions() {
        Map<String, String> expressions = new LinkedHashMap<>();
        try {
            JsonNode dashboard = new ObjectMapper().readTree(DIRECTORY.resolve("flight-booking-dashboard.json").toFile());
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    expressions.put("dashboard: " + panel.path("title").asText() + " " + target.path("refId").asText(),
                            target.path("expr").asText());
                }
            }
            JsonNode rules = new YAMLMapper().readTree(DIRECTORY.resolve("alerts.rules.yaml").toFile());
            for (JsonNode group : rules.path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    String name = rule.has("alert") ? rule.path("alert").asText() : rule.path("record").asText();
                    expressions.put("rule: " + name, rule.path("expr").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return expressions;
    }
}
