package com.example.local.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Fn::ForEach expands as CloudFormation's AWS::LanguageExtensions transform expands it, before any
 * reader sees the template: one copy of the fragment per item, loops nested, identifiers replaced in
 * keys, strings and Refs; what the loop wrote through Fn::Sub to name the item is its plain form.
 */
class LanguageExtensionsTest {

    private static final CloudFormationTemplate TEMPLATE = CloudFormationTemplate.parse("""
            Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]
            Mappings:
              Alarms:
                Invoice: {Description: invoices that failed}
                Intake: {Description: orders that failed}
            Resources:
              PlaceOrderFunction:
                Type: AWS::Serverless::Function
              Fn::ForEach::Functions:
                - Function
                - [PlaceOrder]
                - ${Function}LogGroup:
                    Type: AWS::Logs::LogGroup
                    Properties:
                      LogGroupName: !Sub /aws/lambda/${AWS::StackName}/${Function}
                  Fn::ForEach::Alarms:
                    - Metric
                    - [Errors, Throttles]
                    - ${Function}${Metric}Alarm:
                        Type: AWS::CloudWatch::Alarm
                        Properties:
                          MetricName: !Ref Metric
                          Description: !Sub ${Function} ${Metric}
                          Dimensions: [{Name: FunctionName, Value: !Sub '${${Function}Function}'}]
              Fn::ForEach::Queues:
                - Queue
                - [Invoice, Intake]
                - ${Queue}DeadLetterQueue:
                    Type: AWS::SQS::Queue
                  ${Queue}DeadLetterAlarm:
                    Type: AWS::CloudWatch::Alarm
                    Properties:
                      Description: !FindInMap [Alarms, !Ref Queue, Description]
                      Queue: !GetAtt [!Sub '${Queue}DeadLetterQueue', QueueName]
                      Stack: !Sub '${AWS::StackName}-${Queue}'
            Outputs:
              Fn::ForEach::QueueOutputs:
                - Queue
                - [Invoice, Intake]
                - ${Queue}QueueUrl:
                    Value: !Ref
                      Fn::Sub: ${Queue}DeadLetterQueue
            """);

    @Test
    void everyItemGetsItsCopyAndNestedLoopsMultiply() {
        assertThat(TEMPLATE.resources()).containsOnlyKeys("PlaceOrderFunction", "PlaceOrderLogGroup", "PlaceOrderErrorsAlarm",
                "PlaceOrderThrottlesAlarm", "InvoiceDeadLetterQueue", "InvoiceDeadLetterAlarm", "IntakeDeadLetterQueue",
                "IntakeDeadLetterAlarm");
        assertThat(TEMPLATE.outputs()).containsOnlyKeys("InvoiceQueueUrl", "IntakeQueueUrl");
        assertThat(TEMPLATE.outputs().get("IntakeQueueUrl")).isEqualTo(Map.of("Value", Map.of("Ref", "IntakeDeadLetterQueue")));
    }

    @Test
    void identifiersAreReplacedInStringsAndRefsAndWhatNamesTheItemTakesItsPlainForm() {
        var errors = TEMPLATE.resource("PlaceOrderErrorsAlarm");
        assertThat(errors.property("MetricName")).contains("Errors");
        assertThat(errors.property("Description")).as("a Sub left with no variable is its text").contains("PlaceOrder Errors");
        assertThat(errors.property("Dimensions")).contains(List.of(Map.of("Name", "FunctionName",
                "Value", Map.of("Ref", "PlaceOrderFunction"))));
        assertThat(TEMPLATE.resource("PlaceOrderLogGroup").property("LogGroupName"))
                .as("a Sub that still has variables stays one").contains(Map.of("Fn::Sub", "/aws/lambda/${AWS::StackName}/PlaceOrder"));

        var invoiceAlarm = TEMPLATE.resource("InvoiceDeadLetterAlarm");
        assertThat(invoiceAlarm.property("Description")).contains("invoices that failed");
        assertThat(invoiceAlarm.property("Queue")).contains(Map.of("Fn::GetAtt", List.of("InvoiceDeadLetterQueue", "QueueName")));
        assertThat(invoiceAlarm.property("Stack")).contains(Map.of("Fn::Sub", "${AWS::StackName}-Invoice"));
    }

    @Test
    void theExpandedTemplateResolvesAsAnyOther() {
        DeployedStack stack = new DeployedStack(TEMPLATE, "shop", "eu-west-1", "123456789012", Map.of());
        stack.putAttribute("IntakeDeadLetterQueue", "QueueName", "shop-IntakeDeadLetterQueue");

        assertThat(stack.resolve(TEMPLATE.resource("IntakeDeadLetterAlarm").property("Queue").orElseThrow()))
                .isEqualTo("shop-IntakeDeadLetterQueue");
        assertThat(stack.resolve(TEMPLATE.resource("IntakeDeadLetterAlarm").property("Stack").orElseThrow())).isEqualTo("shop-Intake");
    }

    @Test
    void aLoopThatGeneratesAnExistingResourceOrNamesNoLiteralItemsIsRefused() {
        assertThatThrownBy(() -> CloudFormationTemplate.parse("""
                Transform: AWS::LanguageExtensions
                Resources:
                  OneQueue:
                    Type: AWS::SQS::Queue
                  Fn::ForEach::Queues: [Name, [One], {'${Name}Queue': {Type: AWS::SQS::Queue}}]
                """)).hasMessageContaining("generates OneQueue, which exists already");
        assertThatThrownBy(() -> CloudFormationTemplate.parse("""
                Transform: AWS::LanguageExtensions
                Parameters:
                  Names: {Type: CommaDelimitedList}
                Resources:
                  Fn::ForEach::Queues: [Name, !Ref Names, {'${Name}Queue': {Type: AWS::SQS::Queue}}]
                """)).hasMessageContaining("only a literal list of items is expanded locally");
    }

    @Test
    void withoutTheTransformNothingIsExpanded() {
        CloudFormationTemplate plain = CloudFormationTemplate.parse("""
                Resources:
                  Fn::ForEach::Queues: [Name, [One], {'${Name}Queue': {Type: AWS::SQS::Queue}}]
                """);

        assertThat(plain.document().get("Resources")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsOnlyKeys("Fn::ForEach::Queues");
    }
}
