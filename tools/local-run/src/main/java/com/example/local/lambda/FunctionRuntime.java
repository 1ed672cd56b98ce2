package com.example.local.lambda;

/**
 * What runs a function's code for the Lambda service: its execution environments. The local run
 * gives every function a {@link FunctionPool} of JVMs under the runtime interface client.
 */
public interface FunctionRuntime extends AutoCloseable {

    /** Runs one invocation to its end (answered, failed, timed out); blocks until then. */
    InvocationResult invoke(Invocation invocation);

    @Override
    void close();
}
