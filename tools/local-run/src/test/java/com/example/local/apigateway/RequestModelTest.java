package com.example.local.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.example.local.Json;

/** Request models validate as API Gateway does and say why in API Gateway's words. */
class RequestModelTest {

    private final RequestModel model = new RequestModel("Order", Json.parse("""
            {"$schema":"http://json-schema.org/draft-04/schema#","type":"object","additionalProperties":false,
             "required":["currency","lines"],
             "properties":{"currency":{"type":"string","pattern":"^[A-Z]{3}$"},
                           "decision":{"type":"string","enum":["APPROVE","REJECT"]},
                           "reason":{"type":"string","minLength":1,"maxLength":5},
                           "lines":{"type":"array","minItems":1,"maxItems":2,
                                    "items":{"type":"object","properties":{"quantity":{"type":"integer","minimum":1,"maximum":9}}}}}}
            """));

    @Test
    void aValidBodyPasses() {
        assertThat(model.violations("{\"currency\":\"EUR\",\"lines\":[{\"quantity\":2}]}")).isEmpty();
    }

    @Test
    void eachViolationIsWordedAsApiGatewayWordsIt() {
        assertThat(model.violations("{\"lines\":[]}")).contains("[array is too short: must have at least 1 elements but "
                + "instance has 0 elements, object has missing required properties ([\"currency\"])]");
        assertThat(model.violations("{\"currency\":\"eur\",\"lines\":[{\"quantity\":0}],\"extra\":1}")).contains(
                "[ECMA 262 regex \"^[A-Z]{3}$\" does not match input string \"eur\", "
                        + "numeric instance is lower than the required minimum (minimum: 1, found: 0), "
                        + "object instance has properties which are not allowed by the schema: [\"extra\"]]");
        assertThat(model.violations("{\"currency\":7,\"lines\":[{}],\"decision\":\"MAYBE\",\"reason\":\"\"}")).contains(
                "[instance type (integer) does not match any allowed primitive type (allowed: [\"string\"]), "
                        + "instance value (\"MAYBE\") not found in enum (possible values: [\"APPROVE\",\"REJECT\"]), "
                        + "string \"\" is too short (length: 0, required minimum: 1)]");
    }

    @Test
    void aBodyThatIsNotJsonFailsTheModel() {
        assertThat(model.violations("{\"currency\":")).contains("[Invalid input: the request body is not JSON]");
        assertThat(model.violations("")).contains("[Invalid input: the request body is not JSON]");
    }
}
