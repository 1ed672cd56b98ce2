package com.example.benchmark;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.example.local.cloudformation.DeployedStack;
import com.example.local.lambda.FunctionConfiguration;
import com.example.local.stack.FunctionDefinitions;
import com.example.local.stack.LayerVersions;
import com.example.local.stack.TableDefinition;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The AWS sample deployed onto the local run as its own template defines it: its DynamoDB tables
 * created, its function configured from its properties (handler, memory, timeout, environment), with
 * what Lambda sets in every function's environment here. Its function runs on this project's
 * runtime, whatever Java its template names: the comparison is of the code, on the same JVM and flags.
 */
final class AwsSampleDeployment {

    static final String STACK_NAME = "aws-sample";

    private final AwsSample sample;
    private final DeployedStack stack;

    AwsSampleDeployment(AwsSample sample, String region) {
        this.sample = sample;
        this.stack = new DeployedStack(sample.template(), STACK_NAME, region, "000000000000", Map.of());
    }

    /** Every table of its template, plain or SAM's SimpleTable. */
    List<TableDefinition> tables() {
        return Stream.of("AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable")
                .flatMap(type -> sample.template().resourcesOfType(type).stream())
                .map(table -> TableDefinition.of(table, stack)).toList();
    }

    /** Creates its tables, so that its function's references to them resolve and its requests find them. */
    void createTables(DynamoDbClient dynamoDb) {
        tables().forEach(table -> table.deploy(dynamoDb, stack));
    }

    /**
     * @param buildDirectory    where the built function is, under its logical id
     * @param lambdaEnvironment what Lambda sets in every function's environment, pointed at the local run
     * @param runtime           the managed runtime it runs on, {@code java25} here
     */
    FunctionConfiguration function(Path buildDirectory, Map<String, String> lambdaEnvironment, String runtime) {
        return new FunctionDefinitions(stack, buildDirectory, LayerVersions.ofApplication(stack, buildDirectory))
                .configuration(sample.functionId(), lambdaEnvironment, Optional.empty())
                .withRuntime(runtime);
    }
}
