package com.example.orders.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.example.platform.contracts.Reading;
import com.example.platform.contracts.Reading.Invalid;
import com.example.platform.contracts.Reading.Valid;
import com.example.platform.http.Problem.Violation;
import com.example.platform.json.Json;

class OrderRequestReaderTest {

    private final OrderRequestReader reader = new OrderRequestReader(AcceptedCurrencies.of("EUR", "JPY"));

    private Reading<OrderRequest> read(String json) {
        return reader.read(Json.parse(json));
    }

    @Test
    void aValidRequestBecomesAnOrderRequestWithExactMoney() {
        Reading<OrderRequest> reading = read("""
                {"customerId":"c-1","currency":"EUR","lines":[
                  {"sku":"A-1","quantity":2,"unitPrice":"19.9"},{"sku":"B-2","quantity":1,"unitPrice":"0.05"}]}
                """);

        assertThat(reading).isInstanceOf(Valid.class);
        OrderRequest request = ((Valid<OrderRequest>) reading).value();
        assertThat(request.lines()).hasSize(2);
        assertThat(request.lines().getFirst().unitPrice().amount()).isEqualTo(new BigDecimal("19.90"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing customer        | {"currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":"1"}]}                       | /customerId
            missing lines           | {"customerId":"c","currency":"EUR"}                                                          | /lines
            no lines                | {"customerId":"c","currency":"EUR","lines":[]}                                               | /lines
            unknown member          | {"customerId":"c","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":"1"}],"x":1} | /x
            customer not a token    | {"customerId":"c d","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":"1"}]}     | /customerId
            lowercase currency      | {"customerId":"c","currency":"eur","lines":[{"sku":"A","quantity":1,"unitPrice":"1"}]}       | /currency
            zero quantity           | {"customerId":"c","currency":"EUR","lines":[{"sku":"A","quantity":0,"unitPrice":"1"}]}       | /lines/0/quantity
            quantity over limit     | {"customerId":"c","currency":"EUR","lines":[{"sku":"A","quantity":1001,"unitPrice":"1"}]}    | /lines/0/quantity
            fractional quantity     | {"customerId":"c","currency":"EUR","lines":[{"sku":"A","quantity":1.5,"unitPrice":"1"}]}     | /lines/0/quantity
            negative price          | {"customerId":"c","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":"-1"}]}      | /lines/0/unitPrice
            price as a number       | {"customerId":"c","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":1.5}]}       | /lines/0/unitPrice
            price in exponent form  | {"customerId":"c","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":"1e3"}]}     | /lines/0/unitPrice
            missing sku             | {"customerId":"c","currency":"EUR","lines":[{"quantity":1,"unitPrice":"1"}]}                 | /lines/0/sku
            not an object           | ["c"]                                                                                        | /
            unknown ISO code        | {"customerId":"c","currency":"XYZ","lines":[{"sku":"A","quantity":1,"unitPrice":"1"}]}       | /currency
            currency not accepted   | {"customerId":"c","currency":"USD","lines":[{"sku":"A","quantity":1,"unitPrice":"1"}]}       | /currency
            cents on a yen price    | {"customerId":"c","currency":"JPY","lines":[{"sku":"A","quantity":1,"unitPrice":"100.5"}]}   | /lines/0/unitPrice
            three decimals in euro  | {"customerId":"c","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":"1.005"}]}   | /lines/0/unitPrice
            one SKU on two lines    | {"customerId":"c","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":"1"},{"sku":"A","quantity":2,"unitPrice":"1"}]} | /lines/1/sku
            """)
    void everyBrokenRuleIsReportedWhereItIs(String rule, String json, String location) {
        Reading<OrderRequest> reading = read(json);

        assertThat(reading).as(rule).isInstanceOf(Invalid.class);
        assertThat(((Invalid<OrderRequest>) reading).violations()).extracting(Violation::location).contains(location);
    }

    @Test
    void moreThanFiftyLinesIsRefused() {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            lines.append(i == 0 ? "" : ",").append("{\"sku\":\"S").append(i).append("\",\"quantity\":1,\"unitPrice\":\"1\"}");
        }
        Reading<OrderRequest> reading = read("{\"customerId\":\"c\",\"currency\":\"EUR\",\"lines\":[" + lines + "]}");
        assertThat(((Invalid<OrderRequest>) reading).violations()).extracting(Violation::location).containsExactly("/lines");
    }

    @Test
    void aRefusedCurrencyNamesTheAcceptedOnes() {
        Reading<OrderRequest> reading = read("{\"customerId\":\"c\",\"currency\":\"USD\",\"lines\":[{\"sku\":\"A\",\"quantity\":1,\"unitPrice\":\"1\"}]}");
        assertThat(((Invalid<OrderRequest>) reading).violations())
                .containsExactly(new Violation("/currency", "orders are not accepted in USD; accepted: EUR, JPY"));
    }

    @Test
    void allViolationsAreReportedTogether() {
        Reading<OrderRequest> reading = read("{\"currency\":\"eur\",\"lines\":[{\"sku\":\"A\",\"quantity\":0,\"unitPrice\":\"x\"}]}");
        assertThat(((Invalid<OrderRequest>) reading).violations()).extracting(Violation::location)
                .containsExactly("/currency", "/customerId", "/lines/0/quantity", "/lines/0/unitPrice");
    }
}
