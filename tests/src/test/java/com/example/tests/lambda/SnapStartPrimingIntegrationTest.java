package com.example.tests.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.example.ingestion.files.IngestFileHandler;
import com.example.invoices.api.GetInvoiceHandler;
import com.example.invoices.issuing.IssueInvoiceHandler;
import com.example.orders.api.GetOrderHandler;
import com.example.orders.api.PlaceOrderHandler;
import com.example.orders.api.ReviewOrderHandler;
import com.example.orders.intake.PlaceOrderFromQueueHandler;
import com.example.orders.invoicing.MarkOrderInvoicedHandler;
import com.example.orders.risk.RiskCheckHandler;
import com.example.platform.aws.LambdaEnvironment;
import com.example.tests.eventbridge.BusEvents;
import com.example.tests.local.LocalImplementations;
import com.example.tests.template.TestStack;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What SnapStart runs before each function's snapshot, run here against the template's resources:
 * every priming must reach its end (a failing one is only a warning in production, and a slower
 * first request) and must leave no trace: no order, no invoice, no event.
 */
class SnapStartPrimingIntegrationTest {

    private TestStack stack;
    private BusEvents bus;

    static Map<String, Function<LambdaEnvironment, Runnable>> primings() {
        return Map.of(
                "PlaceOrderFunction", environment -> new PlaceOrderHandler(environment)::prime,
                "GetOrderFunction", environment -> new GetOrderHandler(environment)::prime,
                "ReviewOrderFunction", environment -> new ReviewOrderHandler(environment)::prime,
                "RiskCheckFunction", environment -> new RiskCheckHandler(environment)::prime,
                "MarkOrderInvoicedFunction", environment -> new MarkOrderInvoicedHandler(environment)::prime,
                "PlaceOrderFromQueueFunction", environment -> new PlaceOrderFromQueueHandler(environment)::prime,
                "IssueInvoiceFunction", environment -> new IssueInvoiceHandler(environment)::prime,
                "GetInvoiceFunction", environment -> new GetInvoiceHandler(environment)::prime,
                "IngestFileFunction", environment -> new IngestFileHandler(environment)::prime);
    }

    static Iterable<String> functions() {
        return primings().keySet().stream().sorted().toList();
    }

    @BeforeEach
    void deploy() {
        stack = TestStack.deploy(LocalImplementations.moto(), "OrdersTable", "InvoicesTable", "EventBus",
                "AcceptedCurrenciesParameter", "RiskThresholdsParameter", "TaxRatesParameter", "InvoiceSigningKey");
        bus = stack.captureBusEvents();
    }

    @ParameterizedTest
    @MethodSource("functions")
    void everyPrimingRunsToItsEndAndLeavesNoTrace(String function) {
        Runnable priming = primings().get(function).apply(stack.functionEnvironment(function));

        assertThatCode(priming::run).doesNotThrowAnyException();

        assertThat(itemCount("OrdersTable")).isZero();
        assertThat(itemCount("InvoicesTable")).isZero();
        assertThat(bus.all()).isEmpty();
    }

    private int itemCount(String table) {
        try (DynamoDbClient dynamoDb = stack.clients().dynamoDb()) {
            return dynamoDb.scan(builder -> builder.tableName(stack.ref(table))).count();
        }
    }
}
