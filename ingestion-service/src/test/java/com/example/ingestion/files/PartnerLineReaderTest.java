package com.example.ingestion.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.example.ingestion.files.PartnerLineReader.Accepted;
import com.example.ingestion.files.PartnerLineReader.Rejected;

class PartnerLineReaderTest {

    private final PartnerLineReader reader = new PartnerLineReader();
    private static final Set<String> ACCEPTED = Set.of("EUR", "JPY");

    @Test
    void aGoodLineBecomesItsReferenceAndTheOrderWithoutIt() {
        var outcome = reader.read("{\"partnerOrderRef\":\"PO-1\",\"customerId\":\"c-1\",\"currency\":\"EUR\","
                + "\"lines\":[{\"sku\":\"A\",\"quantity\":1,\"unitPrice\":\"9.90\"}]}", ACCEPTED);

        assertThat(outcome).isInstanceOf(Accepted.class);
        Accepted accepted = (Accepted) outcome;
        assertThat(accepted.partnerOrderRef()).isEqualTo("PO-1");
        assertThat(accepted.order().has("partnerOrderRef")).isFalse();
        assertThat(accepted.order().get("customerId").asText()).isEqualTo("c-1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            blank                 | `   `                                                                                               | blank
            not JSON              | nope                                                                                                | not JSON
            an array              | [1]                                                                                                 | not a JSON object
            no reference          | {"customerId":"c","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":"1"}]}             | partnerOrderRef
            bad reference         | {"partnerOrderRef":"has space","customerId":"c","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":"1"}]} | /partnerOrderRef
            negative amount       | {"partnerOrderRef":"P","customerId":"c","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":"-1"}]} | /lines/0/unitPrice
            zero quantity         | {"partnerOrderRef":"P","customerId":"c","currency":"EUR","lines":[{"sku":"A","quantity":0,"unitPrice":"1"}]}  | /lines/0/quantity
            unknown member        | {"partnerOrderRef":"P","customerId":"c","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":"1"}],"x":1} | /x
            currency not accepted | {"partnerOrderRef":"P","customerId":"c","currency":"USD","lines":[{"sku":"A","quantity":1,"unitPrice":"1"}]}  | not accepted in USD
            cents on yen          | {"partnerOrderRef":"P","customerId":"c","currency":"JPY","lines":[{"sku":"A","quantity":1,"unitPrice":"1.5"}]} | no decimals
            """)
    void aBadLineIsRejectedSayingWhy(String rule, String line, String reason) {
        var outcome = reader.read(line, ACCEPTED);

        assertThat(outcome).as(rule).isInstanceOf(Rejected.class);
        assertThat(((Rejected) outcome).reason()).as(rule).contains(reason);
    }
}
