package com.flightbooking.booking.api.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.flightbooking.events.EventContract;
import com.flightbooking.kit.problem.Problem;
import com.flightbooking.kit.security.Roles;

/**
 * The AsyncAPI document of the events (common-events' {@link EventContract}), read-only, and a page that renders it.
 * The document names the topic, every queue and what the events carry, so it is for operators ({@code ops}), like the
 * rest of the topology; the page holds no data of its own and asks for an operator's token to fetch it.
 */
@Path("/q")
@Tag(name = "Event contract", description = "The AsyncAPI description of every event the system publishes")
public class EventContractResource {

    static final String YAML = "application/yaml";
    private static final String VIEWER = "event-contract/viewer.html";

    private final String yaml = EventContract.yaml();
    private final String json = toJson(yaml);
    private final String viewer = viewer();

    // @formatter:off: one annotation attribute per line reads better than the formatter's single line
    @GET
    @Path("asyncapi")
    @RolesAllowed(Roles.OPS)
    @Operation(summary = "The event contract (AsyncAPI 3.0)",
            description = "The topic, each role's queue with its subscription filter, and every event with its"
                    + " CloudEvents attributes, payload schema and golden example. YAML as kept in the repository,"
                    + " or the same as JSON with format=json. Rendered at /q/asyncapi-ui.")
    @APIResponse(responseCode = "200", description = "The AsyncAPI document",
            content = { @Content(mediaType = YAML), @Content(mediaType = MediaType.APPLICATION_JSON) })
    @APIResponse(responseCode = "400", description = "A format other than yaml or json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No bearer token, or one that is not valid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The token does not have role ops",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response document(
            @Parameter(description = "yaml (default) or json")
            @QueryParam("format") @Pattern(regexp = "yaml|json", message = "must be yaml or json") String format) {
        // @formatter:on
        return "json".equals(format)
                ? Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build()
                : Response.ok(yaml, YAML).build();
    }

    @GET
    @Path("asyncapi-ui")
    @PermitAll
    @Operation(summary = "The event contract, rendered", description = "A page that fetches /q/asyncapi with an"
            + " operator's bearer token, typed into it, and shows channels, subscriptions, operations and messages.")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = MediaType.TEXT_HTML))
    public Response ui() {
        return Response.ok(viewer, MediaType.TEXT_HTML_TYPE).build();
    }

    /** The same document as JSON, numbers with their scale (an example's 499.90 stays 499.90). */
    private static String toJson(String yaml) {
        try {
            return JsonMapper.builder().disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).build()
                    .writeValueAsString(YAMLMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).build().readTree(yaml));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The event contract is not valid YAML", e);
        }
    }

    private static String viewer() {
        try (InputStream in = EventContractResource.class.getClassLoader().getResourceAsStream(VIEWER)) {
            if (in == null) {
                throw new IllegalStateException(VIEWER + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
