package com.flightbooking.events.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.RestAssured;

/** A {@code /q/metrics} answer read the way Prometheus reads it: samples by name and labels. */
public final class Prometheus {

    /**
     * Name, labels (each {@code name="value"}; a value may hold braces, as a route template does) and value; an
     * exemplar after the value ({@code # {trace_id="…"} 1.0}, on counters incremented inside a span) is not a sample.
     */
    private static final Pattern SAMPLE = Pattern.compile(
            "^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*)})?\\s+(\\S+)");

    /** One line of the exposition: name, labels as written ({@code role="ledger",outcome="filtered"}), value. */
    public record Sample(String name, String labels, double value) {

        public boolean has(String label, String value) {
            return labels.contains(label + "=\"" + value + "\"");
        }
    }

    private final List<Sample> samples;

    private Prometheus(List<Sample> samples) {
        this.samples = samples;
    }

    /** The metrics of the app under test ({@code @QuarkusTest}), read from its management interface. */
    public static Prometheus scrape() {
        return parse(ManagementPort.given().when().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /** The metrics of the app whose management interface is at {@code baseUri}, read from its {@code /q/metrics}. */
    public static Prometheus scrape(String baseUri) {
        return parse(RestAssured.given().baseUri(baseUri).when().get("/q/metrics").then().statusCode(200).extract()
                .asString());
    }

    public static Prometheus parse(String exposition) {
        List<Sample> samples = new ArrayList<>();
        for (String line : exposition.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!line.startsWith("#") && sample.find()) {
                samples.add(new Sample(sample.group(1), sample.group(3) == null ? "" : sample.group(3),
                        Double.parseDouble(sample.group(4))));
            }
        }
        return new Prometheus(samples);
    }

    /** The samples named {@code name} carrying every label given as name/value pairs. */
    public List<Sample> samples(String name, String... labels) {
        return samples.stream().filter(s -> s.name().equals(name)).filter(s -> {
            for (int i = 0; i < labels.length; i += 2) {
                if (!s.has(labels[i], labels[i + 1])) {
                    return false;
                }
            }
            return true;
        }).toList();
    }

    /** Every sample, histograms' {@code _bucket}, {@code _count} and {@code _sum} included. */
    public List<Sample> all() {
        return samples;
    }

    /** The sum of those samples' values; 0 when there is none (a counter not yet incremented). */
    public double sum(String name, String... labels) {
        return samples(name, labels).stream().mapToDouble(Sample::value).sum();
    }
}
