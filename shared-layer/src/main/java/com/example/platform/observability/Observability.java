package com.example.platform.observability;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.amazonaws.services.lambda.runtime.Context;

import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/**
 * Powertools logging and metrics, set up in one place and used the same way by every handler:
 * structured JSON logs carrying the Lambda context and the correlation id, a ColdStart metric,
 * and the business metrics of the invocation flushed as EMF when it ends, whatever the outcome; a
 * failure is logged with its stack trace before it propagates.
 * The functional Powertools API is used, so no AspectJ weaving is needed at build time.
 */
public final class Observability {

    /** The field name Powertools logs the correlation id under. */
    static final String CORRELATION_ID_FIELD = "correlation_id";

    private static final Logger LOG = LoggerFactory.getLogger(Observability.class);
    private static final Metrics METRICS = MetricsFactory.getMetricsInstance();

    private Observability() {
    }

    public static Metrics metrics() {
        return METRICS;
    }

    /** An invocation on behalf of one request or message: its correlation id is on every log line. */
    public static <T> T observe(Context context, CorrelationId correlationId, Supplier<T> invocation) {
        return observe(context, () -> {
            MDC.put(CORRELATION_ID_FIELD, correlationId.value());
            return invocation.get();
        });
    }

    /** An invocation carrying several records (a queue batch): each sets its own correlation id with {@link #underCorrelation}. */
    public static <T> T observe(Context context, Supplier<T> invocation) {
        return PowertoolsLogging.withLogging(context, () -> {
            METRICS.captureColdStartMetric(context);
            try {
                return invocation.get();
            } catch (RuntimeException failure) {
                LOG.error("Invocation failed", failure);
                throw failure;
            } finally {
                METRICS.flush();
            }
        });
    }

    /** Work for one record of a batch, logged under that record's correlation id. */
    public static void underCorrelation(CorrelationId correlationId, Runnable work) {
        String previous = MDC.get(CORRELATION_ID_FIELD);
        MDC.put(CORRELATION_ID_FIELD, correlationId.value());
        try {
            work.run();
        } finally {
            if (previous == null) {
                MDC.remove(CORRELATION_ID_FIELD);
            } else {
                MDC.put(CORRELATION_ID_FIELD, previous);
            }
        }
    }
}
