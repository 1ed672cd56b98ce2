package com.example.platform.observability;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.entities.SegmentImpl;
import com.fasterxml.jackson.core.JsonProcessingException;

import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.model.Unit;
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

    /**
     * SnapStart priming of what wraps every request, emitting nothing: a log line through the JSON
     * layout (the one trace priming leaves), a metrics document serialised and dropped, and a trace
     * segment serialised and never sent (it brings in X-Ray's JSON modules). Without it a restored
     * function's first request loads these classes itself (docs/performance.md).
     */
    public static void prime() {
        LOG.info("Priming for the SnapStart snapshot");
        MetricsContext document = new MetricsContext();
        document.setNamespace("Priming");
        document.putDimension("Priming", "true");
        document.putMetric("Primed", 1, Unit.COUNT);
        try {
            document.serialize();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a metrics document did not serialise", e);
        }
        new SegmentImpl(AWSXRay.getGlobalRecorder(), "priming").serialize();
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
