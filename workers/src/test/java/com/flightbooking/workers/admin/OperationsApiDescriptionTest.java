package com.flightbooking.workers.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;
import java.util.Set;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.flightbooking.events.testing.ManagementPort;
import com.flightbooking.events.testing.ServedOperations;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Operators find the operations API described, with Swagger UI, on the management interface next to health and
 * metrics; the operations themselves stay on the API port, behind role ops.
 */
@QuarkusTest
class OperationsApiDescriptionTest {

    private static final String PUBLIC_SIGN_IN_SETTINGS = "GET /web/config";

    @Inject
    BeanManager beans;

    @Test
    void describesEveryOperationTheWorkersServeWithItsBearerTokenAndRefusals() {
        JsonPath api = ManagementPort.given().queryParam("format", "json").when().get("/q/openapi").then()
                .statusCode(200).extract().jsonPath();
        Set<String> served = ServedOperations.of(beans);

        assertThat(served).contains("POST /admin/dlq/{role}/redrive", "GET /admin/overview", "GET /ledger/entries",
                PUBLIC_SIGN_IN_SETTINGS);
        assertThat(ServedOperations.describedIn(api)).isEqualTo(served);
        // The ops page's sign-in settings are public: the page reads them before anyone has signed in.
        for (String operation : served.stream().filter(o -> !o.equals(PUBLIC_SIGN_IN_SETTINGS)).toList()) {
            Map<String, Object> responses = api.getMap(ServedOperations.jsonPath(operation) + ".responses");
            assertThat(responses.keySet()).as("%s answers", operation).contains("401", "403");
            assertThat(api.getList(ServedOperations.jsonPath(operation) + ".security")).as(operation).isNotEmpty();
        }
    }

    @Test
    void swaggerUiIsOnTheManagementInterfaceOnly() {
        ManagementPort.given().when().get("/q/swagger-ui/").then().statusCode(200)
                .body(containsString("swagger-ui"));
        given().when().get("/q/swagger-ui/").then().statusCode(404);
        given().when().get("/q/openapi").then().statusCode(404);
    }
}
