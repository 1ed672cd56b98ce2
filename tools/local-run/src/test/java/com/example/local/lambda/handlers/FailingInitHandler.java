package com.example.local.lambda.handlers;

import java.io.InputStream;
import java.io.OutputStream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/** A handler whose construction fails, as one with a missing configuration value does. */
public final class FailingInitHandler implements RequestStreamHandler {

    public FailingInitHandler() {
        throw new IllegalStateException("Environment variable TABLE_NAME is not set");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        throw new AssertionError("never constructed");
    }
}
