package com.example.orders.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import com.example.platform.contracts.Reading;
import com.example.platform.http.Problem.Violation;
import com.example.platform.json.Json;

class ReviewRequestReaderTest {

    private final ReviewRequestReader reader = new ReviewRequestReader(
            Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC));

    @Test
    void aValidAnswerNamesItsReviewerAndTime() {
        Reading<ReviewAnswer> reading = reader.read(Json.parse("{\"decision\":\"REJECT\",\"reason\":\" stolen card \"}"),
                "arn:aws:iam::1:user/desk");

        assertThat(reading).isEqualTo(new Reading.Valid<>(new ReviewAnswer(ReviewDecision.REJECT, "stolen card",
                "arn:aws:iam::1:user/desk", Instant.parse("2026-11-23T12:00:00Z"))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no reason           | {"decision":"APPROVE"}                          | /reason
            blank reason        | {"decision":"APPROVE","reason":"   "}          | /reason
            unknown decision    | {"decision":"MAYBE","reason":"x"}               | /decision
            extra member        | {"decision":"APPROVE","reason":"x","by":"me"}   | /by
            """)
    void aBrokenAnswerIsRefusedWhereItIsBroken(String rule, String body, String location) {
        Reading<ReviewAnswer> reading = reader.read(Json.parse(body), "reviewer");

        assertThat(reading).as(rule).isInstanceOf(Reading.Invalid.class);
        assertThat(((Reading.Invalid<ReviewAnswer>) reading).violations()).extracting(Violation::location).contains(location);
    }
}
