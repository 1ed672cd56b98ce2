package com.example.platform.aws;

import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.platform.observability.Observability;

/**
 * Runs a handler's priming just before SnapStart takes its snapshot, so the classes, schemas and
 * client connections of the first real request are already in the snapshot. A priming that fails
 * is logged and skipped: a snapshot without it is slower on its first request, never wrong.
 */
public final class SnapStartPriming implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);

    private final String owner;
    private final Runnable priming;

    private SnapStartPriming(String owner, Runnable priming) {
        this.owner = owner;
        this.priming = priming;
    }

    /**
     * Registers {@code priming} to run before the checkpoint (outside SnapStart nothing runs it). The
     * handler must keep the returned object in a field: the CRaC context references resources weakly.
     */
    public static SnapStartPriming register(Object handler, Runnable priming) {
        SnapStartPriming registered = new SnapStartPriming(handler.getClass().getSimpleName(), priming);
        Core.getGlobalContext().register(registered);
        return registered;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime();
    }

    /**
     * Whether the priming ran to the end: what wraps every request ({@link Observability#prime}), then
     * the handler's own path; a failure is logged as a warning and never thrown.
     */
    public boolean prime() {
        try {
            Observability.prime();
            priming.run();
            return true;
        } catch (RuntimeException primingFailed) {
            LOG.warn("Priming of {} skipped", owner, primingFailed);
            return false;
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing differs between restored environments: ids come from UUID.randomUUID, time from the clock,
        // and cached parameters and secrets are re-read once their TTL has passed.
    }
}
