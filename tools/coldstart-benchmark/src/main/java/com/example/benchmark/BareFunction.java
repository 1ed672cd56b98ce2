package com.example.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import com.example.local.lambda.FunctionConfiguration;

/**
 * The baseline every figure is a ratio to: a handler that does nothing but answer, a
 * {@code RequestHandler} of a map as the simplest Java function is written, compiled by the
 * benchmark itself, with no layer, run with the same memory and flags as the functions.
 */
final class BareFunction {

    static final String LOGICAL_ID = "BareHandler";
    static final byte[] EVENT = "{\"ping\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private static final String SOURCE = """
            package bare;

            import java.util.Map;

            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;

            public class BareHandler implements RequestHandler<Map<String, Object>, String> {
                @Override
                public String handleRequest(Map<String, Object> event, Context context) {
                    return "pong " + event.size();
                }
            }
            """;

    private BareFunction() {
    }

    /** Compiles the handler into {@code directory} and describes it as a function of {@code memoryMb}. */
    static FunctionConfiguration build(Path directory, Path runtimeDirectory, int memoryMb, String region) {
        try {
            Path sources = Files.createDirectories(directory.resolve("src/bare"));
            Path classes = Files.createDirectories(directory.resolve("code"));
            Path source = Files.writeString(sources.resolve("BareHandler.java"), SOURCE);
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            if (compiler == null) {
                throw new IllegalStateException("the benchmark needs a JDK (javac), not a JRE");
            }
            int status = compiler.run(null, null, null, "-d", classes.toString(), "-classpath",
                    lambdaCore(runtimeDirectory).toString(), source.toString());
            if (status != 0) {
                throw new IllegalStateException("the baseline handler did not compile");
            }
            String name = "benchmark-" + LOGICAL_ID;
            return new FunctionConfiguration(LOGICAL_ID, name, "arn:aws:lambda:" + region + ":000000000000:function:" + name,
                    "bare.BareHandler::handleRequest", "java25", memoryMb, Duration.ofSeconds(10),
                    Map.of("AWS_REGION", region, "AWS_DEFAULT_REGION", region, "AWS_LAMBDA_FUNCTION_NAME", name,
                            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memoryMb),
                            "AWS_LAMBDA_FUNCTION_VERSION", "$LATEST", "TZ", ":UTC", "LANG", "en_US.UTF-8"),
                    classes, List.of(), false, OptionalInt.empty(), FunctionConfiguration.AsyncInvokeConfig.defaults(),
                    new FunctionConfiguration.Logging("Text", "INFO", "INFO", "/aws/lambda/" + name), List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path lambdaCore(Path runtimeDirectory) throws IOException {
        try (Stream<Path> jars = Files.list(runtimeDirectory)) {
            Optional<Path> core = jars.filter(jar -> jar.getFileName().toString().startsWith("aws-lambda-java-core-")).findFirst();
            return core.orElseThrow(() -> new IllegalStateException("no aws-lambda-java-core in " + runtimeDirectory));
        }
    }
}
