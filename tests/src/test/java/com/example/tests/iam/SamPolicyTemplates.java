package com.example.tests.iam;

import java.util.List;
import java.util.Map;

/**
 * The SAM policy templates a function or workflow may use: those that grant exactly one call, on the
 * one resource they are given, with the actions SAM's policy_templates.json gives them. The others
 * (DynamoDBReadPolicy, DynamoDBWritePolicy, SSMParameterReadPolicy, StepFunctionsCallbackPolicy, the
 * S3 ones) grant calls our code does not make, so the templates write those grants as statements.
 */
public final class SamPolicyTemplates {

    public static final Map<String, List<String>> ACTIONS = Map.of(
            "EventBridgePutEventsPolicy", List.of("events:PutEvents"),
            "AWSSecretsManagerGetSecretValuePolicy", List.of("secretsmanager:GetSecretValue"),
            "LambdaInvokePolicy", List.of("lambda:InvokeFunction"),
            "StepFunctionsExecutionPolicy", List.of("states:StartExecution"));

    private SamPolicyTemplates() {
    }
}
