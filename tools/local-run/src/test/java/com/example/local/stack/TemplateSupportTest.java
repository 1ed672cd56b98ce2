package com.example.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.local.cloudformation.CloudFormationTemplate;
import com.example.local.cloudformation.DeployedStack;

/** What the local run cannot emulate is named before anything starts, never skipped. */
class TemplateSupportTest {

    @TempDir
    Path build;

    @Test
    void everythingItCannotEmulateIsNamedWithTheResourceAndWhy() throws IOException {
        Files.createDirectories(build.resolve("Worker"));
        List<String> problems = problems("""
                Resources:
                  Stream:
                    Type: AWS::Kinesis::Stream
                  Nightly:
                    Type: AWS::Events::Rule
                    Properties:
                      ScheduleExpression: rate(1 day)
                  Worker:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java25
                      Handler: example.Worker::handleRequest
                      Events:
                        Tick:
                          Type: Schedule
                          Properties:
                            Schedule: rate(1 minute)
                  Script:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: python3.13
                      Handler: app.handler
                """);

        assertThat(problems).anyMatch(problem -> problem.startsWith("Stream (AWS::Kinesis::Stream)"))
                .contains("Nightly: scheduled rules are not emulated")
                .contains("Worker.Tick: events of type Schedule are not emulated")
                .anyMatch(problem -> problem.startsWith("Script: runtime python3.13"))
                .anyMatch(problem -> problem.startsWith("Script: no build output"));
        assertThat(problems).noneMatch(problem -> problem.startsWith("Worker: no build output"));
    }

    @Test
    void aResourceWhoseConditionIsFalseIsNotDeployedSoNotAProblem() {
        List<String> problems = problems("""
                Parameters:
                  Stage:
                    Type: String
                    Default: dev
                Conditions:
                  IsProd: !Equals [!Ref Stage, prod]
                Resources:
                  ProdOnly:
                    Type: AWS::Kinesis::Stream
                    Condition: IsProd
                  Table:
                    Type: AWS::DynamoDB::Table
                """);

        assertThat(problems).isEmpty();
    }

    @Test
    void anApiIsEmulatedWithIamAuthorisationAndCustomResourcePolicyStatementsOnly() {
        List<String> problems = problems("""
                Resources:
                  Evaluated:
                    Type: AWS::Serverless::Api
                    Properties:
                      StageName: dev
                      Auth:
                        DefaultAuthorizer: AWS_IAM
                        InvokeRole: NONE
                        ResourcePolicy:
                          CustomStatements: [{Effect: Deny, Principal: '*', Action: execute-api:Invoke, Resource: execute-api:/*}]
                  NotEvaluated:
                    Type: AWS::Serverless::Api
                    Properties:
                      StageName: dev
                      Auth:
                        DefaultAuthorizer: Tokens
                        Authorizers: {Tokens: {FunctionArn: arn:aws:lambda:us-east-1:000000000000:function:authorize}}
                        ResourcePolicy:
                          IpRangeBlacklist: [10.0.0.0/8]
                """);

        assertThat(problems).containsExactlyInAnyOrder("NotEvaluated: Auth.Authorizers is not emulated",
                "NotEvaluated: the authorizer Tokens is not emulated (AWS_IAM is)",
                "NotEvaluated: Auth.ResourcePolicy.IpRangeBlacklist is not evaluated (CustomStatements are)");
    }

    private List<String> problems(String yaml) {
        DeployedStack stack = new DeployedStack(CloudFormationTemplate.parse(yaml), "test", "us-east-1", "000000000000", Map.of());
        return new TemplateSupport(stack, build).problems();
    }
}
