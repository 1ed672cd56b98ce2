package com.example.local.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Intrinsic functions resolve as CloudFormation resolves them, against what the stack created. */
class DeployedStackTest {

    private static final CloudFormationTemplate TEMPLATE = CloudFormationTemplate.parse("""
            Parameters:
              Stage:
                Type: String
                Default: dev
              Reserved:
                Type: Number
                Default: 0
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
              Reserves: !Not [!Equals [!Ref Reserved, 0]]
            Resources:
              Table:
                Type: AWS::DynamoDB::Table
                Properties:
                  Name: !Sub ${AWS::StackName}-${Stage}-orders
                  Protected: !If [IsProd, true, false]
                  Reserved: !If [Reserves, !Ref Reserved, !Ref AWS::NoValue]
                  Stream: !GetAtt Table.StreamArn
                  Joined: !Join ['/', [a, !Select [1, [x, y]]]]
            """);

    @Test
    void refSubIfSelectAndJoinResolveAgainstParametersAndPseudoParameters() {
        DeployedStack stack = stack(Map.of("Stage", "prod"));
        var table = TEMPLATE.resource("Table");

        assertThat(stack.resolve(table.property("Name").orElseThrow())).isEqualTo("orders-stack-prod-orders");
        assertThat(stack.resolve(table.property("Protected").orElseThrow())).isEqualTo("true");
        assertThat(stack.resolve(table.property("Joined").orElseThrow())).isEqualTo("a/y");
    }

    @Test
    void aConditionalPropertyResolvingToNoValueIsLeftOut() {
        Object reserved = TEMPLATE.resource("Table").property("Reserved").orElseThrow();

        assertThat(stack(Map.of()).resolveOptional(reserved)).isEmpty();
        assertThat(stack(Map.of("Reserved", "2")).resolveOptional(reserved)).contains("2");
    }

    @Test
    void anAttributeOfAResourceNotCreatedYetOrAnUnknownParameterIsAnError() {
        DeployedStack stack = stack(Map.of());
        Object stream = TEMPLATE.resource("Table").property("Stream").orElseThrow();

        assertThatThrownBy(() -> stack.resolve(stream)).hasMessageContaining("Table.StreamArn");
        stack.putAttribute("Table", "StreamArn", "arn:stream");
        assertThat(stack.resolve(stream)).isEqualTo("arn:stream");
        assertThatThrownBy(() -> stack(Map.of("Colour", "red"))).hasMessageContaining("no parameter Colour");
    }

    @Test
    void rulesRefuseParametersTheirAssertionsDoNotAllowOnlyWhereTheirConditionHolds() {
        CloudFormationTemplate guarded = CloudFormationTemplate.parse("""
                Parameters:
                  Stage: {Type: String, Default: dev}
                  AlarmEmail: {Type: String, Default: ''}
                Rules:
                  ProdNotifies:
                    RuleCondition: !Equals [!Ref Stage, prod]
                    Assertions:
                      - Assert: !Not [!Equals [!Ref AlarmEmail, '']]
                        AssertDescription: prod needs AlarmEmail
                Resources: {}
                """);

        assertThat(new DeployedStack(guarded, "s", "eu-west-1", "1", Map.of()).refusedByRules()).isEmpty();
        assertThat(new DeployedStack(guarded, "s", "eu-west-1", "1", Map.of("Stage", "prod")).refusedByRules())
                .containsExactly("ProdNotifies: prod needs AlarmEmail");
        assertThat(new DeployedStack(guarded, "s", "eu-west-1", "1", Map.of("Stage", "prod", "AlarmEmail", "ops@example.com"))
                .refusedByRules()).isEmpty();
    }

    @Test
    void parametersAreRefusedAsCloudFormationRefusesThemBeforeCreatingAnything() {
        CloudFormationTemplate constrained = CloudFormationTemplate.parse("""
                Parameters:
                  Bus: {Type: String, AllowedPattern: '[a-z-]+'}
                  Stage: {Type: String, AllowedValues: [dev, prod], Default: dev}
                  Concurrency: {Type: Number, MinValue: 2, MaxValue: 20, Default: 2}
                  Name: {Type: String, MinLength: 1, MaxLength: 5, Default: abc}
                Resources: {}
                """);

        assertThat(new DeployedStack(constrained, "s", "eu-west-1", "1", Map.of("Bus", "orders-bus")).refusedParameters()).isEmpty();
        assertThat(new DeployedStack(constrained, "s", "eu-west-1", "1", Map.of("Bus", "orders-bus*", "Stage", "test",
                "Concurrency", "21", "Name", "")).refusedParameters()).containsExactly(
                "Bus 'orders-bus*' does not match [a-z-]+", "Stage 'test' is not one of [dev, prod]", "Concurrency 21 is above 20",
                "Name is shorter than 1 characters");
        assertThat(new DeployedStack(constrained, "s", "eu-west-1", "1", Map.of()).refusedParameters())
                .as("the whole value must match, and a parameter without a default needs one").containsExactly("Bus has no value and no default");
    }

    private static DeployedStack stack(Map<String, String> parameters) {
        return new DeployedStack(TEMPLATE, "orders-stack", "eu-west-1", "123456789012", parameters);
    }
}
