package com.example.local.lambda.handlers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.crac.Core;
import org.crac.Resource;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/** Registers a checkpoint hook, as SnapStart priming does, and answers whether it ran before the first request. */
public final class PrimedHandler implements RequestStreamHandler, Resource {

    private volatile boolean primed;
    private volatile boolean restored;

    public PrimedHandler() {
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        primed = true;
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        restored = true;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write(("{\"primed\":" + primed + ",\"restored\":" + restored + "}").getBytes(StandardCharsets.UTF_8));
    }
}
