package com.appealdesk.system.web;

import com.appealdesk.api.AcceptsIdempotencyKey;
import com.appealdesk.caller.ServiceCall;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /v3/api-docs} (browsable at {@code /swagger-ui.html}), generated from the
 * controllers: every field with its allowed values, and every error as {@code application/problem+json}. Operations
 * of the service API carry their scope and answer 401 and 403.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String API_KEY = "apiKey";
    static final String ACCESS_TOKEN = "appellantToken";
    private static final String PROBLEM = "Problem";

    @Bean
    OpenAPI appealDeskApi() {
        Schema<?> fieldError = new Schema<>().type("object")
                .addProperty("field", new Schema<>().type("string").description("the field at fault, empty for the whole request"))
                .addProperty("message", new Schema<>().type("string").description("why it was refused"));
        Schema<?> problem = new Schema<>().type("object").description("RFC 9457 problem; nothing was changed")
                .addProperty("status", new Schema<>().type("integer"))
                .addProperty("detail", new Schema<>().type("string"))
                .addProperty("errors", new Schema<>().type("array").items(fieldError));
        return new OpenAPI()
                .info(new Info().title("Appeal Desk").version("1")
                        .description("""
                                Identity-verification appeals for restricted wallet accounts. Service clients of the \
                                wallet (API key, Authorization: Bearer <key>, with scopes) report restrictions and open \
                                appeals; the appellant follows the appeal and uploads documents with the access token \
                                from the intake answer. POST /api/appeals and uploads accept an Idempotency-Key header: \
                                a retry with the same key and request returns the first answer. A 503 carries Retry-After."""))
                .components(new Components()
                        .addSchemas(PROBLEM, problem)
                        .addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("API key of a service client (scopes appeals:open, restrictions:write)"))
                        .addSecuritySchemes(ACCESS_TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("the appellant's access token for one appeal")));
    }

    /** Service calls: their scope, the API key, and the refusals every one of them can answer. */
    @Bean
    OperationCustomizer serviceCalls() {
        return (operation, handler) -> {
            ServiceCall call = handler.getMethodAnnotation(ServiceCall.class);
            if (call != null) {
                operation.addSecurityItem(new SecurityRequirement().addList(API_KEY));
                operation.setDescription((operation.getDescription() == null ? "" : operation.getDescription() + " ")
                        + "Scope: " + call.value().value() + ".");
                operation.getResponses().addApiResponse("401", problem("no, an unknown or a revoked API key"));
                operation.getResponses().addApiResponse("403", problem("the key lacks the scope " + call.value().value()));
            }
            if (handler.getMethodAnnotation(AcceptsIdempotencyKey.class) != null) {
                operation.addParametersItem(new HeaderParameter().name("Idempotency-Key").required(false)
                        .description("1 to 255 visible ASCII characters; a retry with the same key and request gets the "
                                + "first answer (header Idempotent-Replayed: true) and has no second effect; the same key "
                                + "with another request, or while the first is running, is 409")
                        .schema(new Schema<String>().type("string").maxLength(255)));
            }
            operation.getResponses().addApiResponse("503", problem("a dependency is unavailable; retry after Retry-After seconds"));
            operation.getResponses().forEach((code, response) -> {
                if (code.matches("[45]\\d\\d") && response.getContent() == null) {
                    response.setContent(problem(response.getDescription()).getContent());
                }
            });
            return operation;
        };
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType("application/problem+json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }
}
