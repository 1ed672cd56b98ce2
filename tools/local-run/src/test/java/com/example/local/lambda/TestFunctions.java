package com.example.local.lambda;

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

import com.example.local.lambda.FunctionConfiguration.AsyncInvokeConfig;
import com.example.local.lambda.FunctionConfiguration.Logging;
import com.example.local.lambda.handlers.EchoHandler;

/**
 * Functions made of the handlers in {@code com.example.local.lambda.handlers}: their classes copied
 * into a code directory laid out as {@code sam build} lays out a function (classes, and {@code lib/}
 * with the CRaC API, which our functions get from the layer).
 */
final class TestFunctions {

    private TestFunctions() {
    }

    static Path codeDirectory(Path into) {
        try {
            Path classes = Path.of(EchoHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path handlers = classes.resolve("com/example/local/lambda/handlers");
            Path target = into.resolve("com/example/local/lambda/handlers");
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(handlers)) {
                for (Path file : files.toList()) {
                    Files.copy(file, target.resolve(file.getFileName()));
                }
            }
            Path crac = Path.of(org.crac.Core.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Files.createDirectories(into.resolve("lib"));
            Files.copy(crac, into.resolve("lib").resolve(crac.getFileName()));
            return into;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static FunctionConfiguration function(Path code, String handlerClass, Duration timeout, boolean snapStart,
                                          OptionalInt reserved, AsyncInvokeConfig async) {
        String name = "test-" + handlerClass.substring(handlerClass.lastIndexOf('.') + 1);
        return new FunctionConfiguration("Test" + handlerClass.substring(handlerClass.lastIndexOf('.') + 1), name,
                "arn:aws:lambda:us-east-1:000000000000:function:" + name, handlerClass + "::handleRequest", "java25", 256,
                timeout, Map.of("AWS_REGION", "us-east-1", "AWS_LAMBDA_FUNCTION_NAME", name,
                        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256", "AWS_LAMBDA_FUNCTION_VERSION", "$LATEST",
                        "TABLE_NAME", "orders"),
                code, List.of(), snapStart, reserved, async,
                new Logging("Text", "INFO", "INFO", "/aws/lambda/" + name), List.of("$LATEST", "live"));
    }

    static FunctionConfiguration echo(Path code) {
        return function(code, EchoHandler.class.getName(), Duration.ofSeconds(2), false, OptionalInt.empty(),
                AsyncInvokeConfig.defaults());
    }

    static AsyncInvokeConfig retriesThenQueue(String queueArn) {
        return new AsyncInvokeConfig(2, Duration.ofMinutes(5), Optional.of(queueArn));
    }
}
