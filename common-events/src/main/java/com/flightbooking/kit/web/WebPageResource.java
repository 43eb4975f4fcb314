package com.flightbooking.kit.web;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The sign-in settings of the app's web page (booking-api's booking page, the workers' ops page): public, since the
 * page needs them before anyone has signed in.
 */
@Path("/web/config")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "Web page", description = "What the app's web page needs before sign-in")
public class WebPageResource {

    /** Where the page signs a customer in: the issuer (its discovery document), the page's client and scopes. */
    public record WebPageSettings(String issuer, String clientId, String scope) {
    }

    private final WebPageSettings settings;

    WebPageResource(WebPageConfig config) {
        this.settings = new WebPageSettings(config.issuer(), config.clientId(), config.scope());
    }

    @GET
    @Operation(summary = "The web page's sign-in settings", description = "The OIDC issuer, the page's public client id and the scopes it asks for. No token needed.")
    @APIResponse(responseCode = "200", description = "The settings", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebPageSettings.class)))
    public WebPageSettings settings() {
        return settings;
    }
}
