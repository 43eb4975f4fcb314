package com.flightbooking.booking.api.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.testing.ServedOperations;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The published API description documents every operation the running app serves, with its answers and problems.
 * The operations come from the app's own resource beans, so a new endpoint without a description fails here.
 */
@QuarkusTest
class OpenApiTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    BeanManager beans;

    @Test
    void describesEveryOperationTheAppServes() {
        Set<String> served = ServedOperations.of(beans);
        JsonPath api = openApi();
        Set<String> described = ServedOperations.describedIn(api);

        assertThat(served).isNotEmpty().containsAll(Set.of("GET /offers", "POST /bookings", "GET /bookings/{id}",
                "POST /bookings/{id}/cancel", "GET /bookings/{id}/timeline", "GET /bookings/{id}/status-stream"));
        assertThat(described).isEqualTo(served);
        for (String operation : served) {
            Map<String, Object> responses = responses(api, operation);
            assertThat(responses.keySet()).as("%s answers", operation).anyMatch(status -> status.startsWith("2"));
            if (operation.contains("{id}")) {
                assertThat(responses).as("%s answers", operation).containsKey("404");
            }
            responses.keySet().stream().filter(status -> status.startsWith("4")).forEach(status -> assertThat(
                    api.getMap(ServedOperations.jsonPath(operation) + ".responses.'" + status + "'.content"))
                    .as("%s %s", operation, status).containsKey(PROBLEM));
        }
    }

    @Test
    void describesTheAnswersAndProblemsOfEachOperation() {
        JsonPath api = openApi();

        assertThat(api.getString("info.title")).contains("Flight booking");
        assertThat(responses(api, "GET /offers")).containsKeys("200", "400", "503");
        assertThat(responses(api, "POST /bookings")).containsKeys("202", "400", "409", "413", "415", "422", "429");
        assertThat(responses(api, "GET /bookings/{id}")).containsKeys("200", "404");
        assertThat(responses(api, "POST /bookings/{id}/cancel")).containsKeys("202", "404", "409", "429");
        assertThat(responses(api, "GET /bookings/{id}/timeline")).containsKeys("200", "404");
        assertThat(responses(api, "GET /bookings/{id}/status-stream")).containsKeys("200", "404", "429");
        assertThat(api.<Object> get("paths.'/bookings'.post.requestBody.content.'application/json'.examples.booking"
                + ".value")).isNotNull();
    }

    private static JsonPath openApi() {
        return given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).extract()
                .jsonPath();
    }

    private static Map<String, Object> responses(JsonPath api, String operation) {
        Map<String, Object> responses = api.getMap(ServedOperations.jsonPath(operation) + ".responses");
        assertThat(responses).as("%s in /q/openapi", operation).isNotNull();
        return responses;
    }
}
