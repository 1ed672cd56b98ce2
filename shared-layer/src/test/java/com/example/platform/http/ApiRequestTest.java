package com.example.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;

class ApiRequestTest {

    @Test
    void headersAreFoundWhateverTheirCase() {
        ApiRequest request = new ApiRequest(new APIGatewayProxyRequestEvent()
                .withHeaders(Map.of("idempotency-KEY", "k-1")));
        assertThat(request.header("Idempotency-Key")).contains("k-1");
        assertThat(request.header("X-Correlation-Id")).isEmpty();
    }

    @Test
    void aRequestWithoutHeadersHasNone() {
        assertThat(new ApiRequest(new APIGatewayProxyRequestEvent()).header("Anything")).isEmpty();
    }

    @Test
    void aBase64BodyIsDecoded() {
        String encoded = Base64.getEncoder().encodeToString("{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8));
        ApiRequest request = new ApiRequest(new APIGatewayProxyRequestEvent().withBody(encoded).withIsBase64Encoded(true));
        assertThat(request.body()).isEqualTo("{\"a\":\"é\"}");
    }

    @Test
    void thePathIsTheOneTheCallerUsedIncludingTheStage() {
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                .withPath("/orders")
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext().withPath("/dev/orders"));
        assertThat(new ApiRequest(event).path()).isEqualTo("/dev/orders");
    }
}
