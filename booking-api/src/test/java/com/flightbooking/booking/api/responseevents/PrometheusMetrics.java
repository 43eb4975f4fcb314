package com.flightbooking.booking.api.responseevents;

import static io.restassured.RestAssured.given;

/** Reads counters from the app's own {@code /q/metrics}, as an operator would. */
final class PrometheusMetrics {

    private PrometheusMetrics() {
    }

    /** The sum of the series of {@code name} whose labels contain every one of {@code labels} ({@code reason="x"}). */
    static double sum(String name, String... labels) {
        String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                boolean matches = true;
                for (String label : labels) {
                    matches &= line.contains(label);
                }
                if (matches) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return sum;
    }
}
