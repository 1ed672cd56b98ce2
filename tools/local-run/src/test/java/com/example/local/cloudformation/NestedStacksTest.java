package com.example.local.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A root template and the stacks it nests, as CloudFormation deploys them: each nested stack named
 * after its parent and logical id, its parameters what the parent passes (resolved against the
 * parent when read) or their defaults, its resources found by qualified or unique logical id.
 */
class NestedStacksTest {

    @TempDir
    Path project;

    private DeployedStack root;

    @BeforeEach
    void writeAnApplication() throws IOException {
        Files.createDirectories(project.resolve("invoices"));
        Files.writeString(project.resolve("template.yaml"), """
                Parameters:
                  Stage: {Type: String, Default: dev}
                  Separate: {Type: String, Default: 'no'}
                Conditions:
                  Nests: !Equals [!Ref Separate, 'no']
                Resources:
                  Bus:
                    Type: AWS::Events::EventBus
                  Invoices:
                    Type: AWS::Serverless::Application
                    Condition: Nests
                    Properties:
                      Location: invoices/template.yaml
                      Parameters:
                        BusName: !Ref Bus
                        Stage: !Ref Stage
                """);
        Files.writeString(project.resolve("invoices/template.yaml"), """
                Parameters:
                  BusName: {Type: String}
                  Stage: {Type: String, Default: dev}
                  Retention: {Type: Number, Default: 30}
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      Name: !Sub ${AWS::StackName}-${Stage}-${BusName}-${Retention}
                  Bus:
                    Type: AWS::SQS::Queue
                """);
        root = new DeployedStack(CloudFormationTemplate.load(project.resolve("template.yaml")), "shop", "eu-west-1",
                "123456789012", Map.of("Stage", "prod"));
    }

    @Test
    void aNestedStackIsNamedAfterItsParentAndGetsWhatTheParentPassesResolvedWhenRead() {
        DeployedStack invoices = root.nested("Invoices");
        root.putRef("Bus", "shop-bus");

        assertThat(invoices.name()).isEqualTo("shop-Invoices");
        assertThat(invoices.path()).isEqualTo("Invoices");
        assertThat(invoices.qualified("Queue")).isEqualTo("Invoices/Queue");
        assertThat(invoices.resolve(invoices.template().resource("Queue").property("Name").orElseThrow()))
                .as("passed (Stage, BusName) or defaulted (Retention)").isEqualTo("shop-Invoices-prod-shop-bus-30");
        assertThat(root.nested("Invoices")).as("one object per nested stack").isSameAs(invoices);
    }

    @Test
    void resourcesAreFoundByQualifiedIdOrByAUniqueLogicalId() {
        assertThat(root.locate("Invoices/Queue").qualifiedId()).isEqualTo("Invoices/Queue");
        assertThat(root.locate("Queue").stack().path()).isEqualTo("Invoices");
        assertThat(root.locate("Invoices/Bus").resource().type()).isEqualTo("AWS::SQS::Queue");
        assertThatThrownBy(() -> root.locate("Bus")).hasMessageContaining("in several stacks")
                .hasMessageContaining("Invoices/Bus");
        assertThatThrownBy(() -> root.locate("Table")).hasMessageContaining("No stack of the application has a resource Table");
    }

    @Test
    void aNestedStackWhoseConditionIsFalseIsNotPartOfTheApplication() {
        DeployedStack separate = new DeployedStack(CloudFormationTemplate.load(project.resolve("template.yaml")), "shop",
                "eu-west-1", "123456789012", Map.of("Separate", "yes"));

        assertThat(root.withNestedStacks()).extracting(DeployedStack::path).containsExactly("", "Invoices");
        assertThat(separate.withNestedStacks()).extracting(DeployedStack::path).containsExactly("");
    }

    @Test
    void aParameterTheChildDoesNotDeclareOrARequiredOneNobodyPassesIsAnError() throws IOException {
        DeployedStack wrong = rootPassing("Parameters: {Colour: red}");
        assertThatThrownBy(() -> wrong.nested("Invoices")).hasMessageContaining("passes Colour, which invoices/template.yaml does not declare");

        DeployedStack unpassed = rootPassing("");
        assertThatThrownBy(() -> unpassed.nested("Invoices").ref("BusName")).hasMessageContaining("BusName of shop-Invoices has no value");
    }

    /** A root that nests the invoices stack passing it what {@code parameters} says. */
    private DeployedStack rootPassing(String parameters) throws IOException {
        Files.writeString(project.resolve("template.yaml"), """
                Resources:
                  Invoices:
                    Type: AWS::Serverless::Application
                    Properties:
                      Location: invoices/template.yaml
                      %s
                """.formatted(parameters));
        return new DeployedStack(CloudFormationTemplate.load(project.resolve("template.yaml")), "shop", "eu-west-1",
                "123456789012", Map.of());
    }
}
