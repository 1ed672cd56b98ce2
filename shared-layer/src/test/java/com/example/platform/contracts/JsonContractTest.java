package com.example.platform.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.example.platform.http.Problem.Violation;
import com.example.platform.json.Json;

class JsonContractTest {

    private final JsonContract contract = JsonContract.of("test", Json.parse("""
            {
              "$schema": "http://json-schema.org/draft-04/schema#",
              "type": "object",
              "additionalProperties": false,
              "required": ["name", "items"],
              "properties": {
                "name": {"type": "string", "pattern": "^[a-z]+$"},
                "items": {"type": "array", "items": {"type": "integer", "minimum": 1}}
              }
            }
            """));

    @Test
    void aConformingDocumentHasNoViolations() {
        assertThat(contract.violations(Json.parse("{\"name\":\"ok\",\"items\":[1,2]}"))).isEmpty();
    }

    @Test
    void missingAndUnexpectedMembersPointAtTheMemberItself() {
        assertThat(contract.violations(Json.parse("{\"items\":[],\"extra\":true}")))
                .extracting(Violation::location)
                .containsExactly("/extra", "/name");
    }

    @Test
    void nestedViolationsPointIntoArraysAndSayWhy() {
        assertThat(contract.violations(Json.parse("{\"name\":\"Bad Name\",\"items\":[1,0]}")))
                .containsExactly(
                        new Violation("/items/1", "must have a minimum value of 1"),
                        new Violation("/name", "does not match the regex pattern ^[a-z]+$"));
    }

    @Test
    void aMissingClasspathContractIsAPackagingErrorNamingTheResource() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JsonContract.fromClasspath("contracts/none.json"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("contracts/none.json");
    }
}
