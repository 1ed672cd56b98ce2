package com.example.local.stack;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.example.local.cloudformation.CloudFormationTemplate;
import com.example.local.cloudformation.CloudFormationTemplate.Resource;
import com.example.local.cloudformation.DeployedStack;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * A DynamoDB table as a template defines it, its values resolved against the stack: name, key
 * schema, attribute definitions and stream; deployed as CloudFormation would, through DynamoDB's
 * API. Capacity is not emulated: every table is created on demand.
 */
public record TableDefinition(String logicalId, String name, List<KeySchemaElement> keySchema,
                              List<AttributeDefinition> attributes, Optional<String> streamViewType) {

    public TableDefinition {
        keySchema = List.copyOf(keySchema);
        attributes = List.copyOf(attributes);
    }

    /** An {@code AWS::DynamoDB::Table} or an {@code AWS::Serverless::SimpleTable} of the stack's template. */
    public static TableDefinition of(Resource table, DeployedStack stack) {
        String name = table.property("TableName").map(stack::resolve)
                .orElse(FunctionDefinitions.physicalName(stack, table.logicalId(), 255));
        return switch (table.type()) {
            case "AWS::DynamoDB::Table" -> table(table, stack, name);
            case "AWS::Serverless::SimpleTable" -> simpleTable(table, stack, name);
            default -> throw new IllegalArgumentException(table.logicalId() + " (" + table.type() + ") is not a DynamoDB table");
        };
    }

    @SuppressWarnings("unchecked")
    private static TableDefinition table(Resource table, DeployedStack stack, String name) {
        List<Map<String, String>> keys = (List<Map<String, String>>) stack.resolveAll(table.property("KeySchema")
                .orElseThrow(() -> new IllegalArgumentException(table.logicalId() + " has no KeySchema")));
        List<Map<String, String>> definitions = (List<Map<String, String>>) stack.resolveAll(table.property("AttributeDefinitions")
                .orElseThrow(() -> new IllegalArgumentException(table.logicalId() + " has no AttributeDefinitions")));
        return new TableDefinition(table.logicalId(), name,
                keys.stream().map(key -> KeySchemaElement.builder()
                        .attributeName(key.get("AttributeName")).keyType(key.get("KeyType")).build()).toList(),
                definitions.stream().map(definition -> AttributeDefinition.builder()
                        .attributeName(definition.get("AttributeName")).attributeType(definition.get("AttributeType")).build()).toList(),
                table.property("StreamSpecification", "StreamViewType").map(stack::resolve));
    }

    /** SAM's SimpleTable: one partition key, {@code id} of type String unless {@code PrimaryKey} says otherwise. */
    private static TableDefinition simpleTable(Resource table, DeployedStack stack, String name) {
        Map<String, Object> primaryKey = CloudFormationTemplate.asMap(table.property("PrimaryKey").orElse(Map.of()));
        String attribute = Optional.ofNullable(primaryKey.get("Name")).map(stack::resolve).orElse("id");
        String type = switch (Optional.ofNullable(primaryKey.get("Type")).map(stack::resolve).orElse("String")) {
            case "String" -> "S";
            case "Number" -> "N";
            case "Binary" -> "B";
            default -> throw new IllegalArgumentException(table.logicalId() + ": PrimaryKey.Type is String, Number or Binary, not "
                    + primaryKey.get("Type"));
        };
        return new TableDefinition(table.logicalId(), name,
                List.of(KeySchemaElement.builder().attributeName(attribute).keyType(KeyType.HASH).build()),
                List.of(AttributeDefinition.builder().attributeName(attribute).attributeType(type).build()),
                Optional.empty());
    }

    /** Creates the table, waits until it exists, and records what {@code Ref} and {@code Fn::GetAtt} of it give. */
    public void deploy(DynamoDbClient dynamoDb, DeployedStack stack) {
        TableDescription created = dynamoDb.createTable(request()).tableDescription();
        dynamoDb.waiter().waitUntilTableExists(builder -> builder.tableName(name));
        stack.putRef(logicalId, name);
        stack.putAttribute(logicalId, "Arn", created.tableArn());
        if (created.latestStreamArn() != null) {
            stack.putAttribute(logicalId, "StreamArn", created.latestStreamArn());
        }
    }

    CreateTableRequest request() {
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(keySchema)
                .attributeDefinitions(attributes);
        streamViewType.ifPresent(viewType -> request.streamSpecification(
                StreamSpecification.builder().streamEnabled(true).streamViewType(viewType).build()));
        return request.build();
    }
}
