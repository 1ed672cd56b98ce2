package com.example.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.local.AwsClientFactory;
import com.example.local.lambda.FunctionConfiguration;
import com.example.local.lambda.InvocationReport;
import com.example.local.lambda.InvocationResult;
import com.example.local.servers.MotoServer;
import com.example.local.stack.TableDefinition;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/**
 * The AWS sample is read from its own template: its one function, its Maven code, its event, its
 * tables, and the configuration it runs with here; a directory that is not such a sample is refused
 * with what is missing.
 */
class AwsSampleTest {

    /** A sample's shape, in our words: an API function writing notes to a SimpleTable, Java 11 declared. */
    private static final String TEMPLATE = """
            AWSTemplateFormatVersion: 2010-09-09
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Runtime: java11
                MemorySize: 768
                Timeout: 20
            Resources:
              NotesApi:
                Type: AWS::Serverless::Api
                Properties:
                  StageName: test
              notesFunction:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: notesWriter
                  Handler: example.Notes::handleRequest
                  CodeUri: NotesFunction
                  Environment:
                    Variables:
                      JAVA_TOOL_OPTIONS: -XX:+UseSerialGC
                      NOTES_TABLE: !Ref notesTable
              notesTable:
                Type: AWS::Serverless::SimpleTable
                Properties:
                  TableName: notes
                  PrimaryKey:
                    Name: noteId
                    Type: String
              auditTable:
                Type: AWS::DynamoDB::Table
                Properties:
                  KeySchema:
                    - AttributeName: at
                      KeyType: HASH
                  AttributeDefinitions:
                    - AttributeName: at
                      AttributeType: N
            """;

    @TempDir
    Path directory;

    @Test
    void itsOneFunctionItsMavenCodeAndItsFirstEventByNameAreFound() throws IOException {
        write(TEMPLATE);
        Path events = Files.createDirectories(directory.resolve("NotesFunction/src/test/resources/events"));
        Files.writeString(events.resolve("b_without_body.json"), "{}");
        Files.writeString(events.resolve("a_request.json"), "{\"body\":\"{}\"}");

        AwsSample sample = AwsSample.at(directory);

        assertThat(sample.functionId()).isEqualTo("notesFunction");
        assertThat(sample.codeDirectory()).isEqualTo(directory.resolve("NotesFunction"));
        assertThat(sample.event()).isEqualTo(events.resolve("a_request.json"));
        assertThat(sample.source()).startsWith(directory.getFileName() + " ").endsWith(
                ", function notesFunction, event NotesFunction/src/test/resources/events/a_request.json");
    }

    @Test
    void anEventsDirectoryBesideTheTemplateComesFirst() throws IOException {
        write(TEMPLATE);
        Files.createDirectories(directory.resolve("NotesFunction/src/test/resources/events"));
        Files.writeString(directory.resolve("NotesFunction/src/test/resources/events/a.json"), "{}");
        Files.createDirectories(directory.resolve("events"));
        Files.writeString(directory.resolve("events/event.json"), "{}");

        assertThat(AwsSample.at(directory).event()).isEqualTo(directory.resolve("events/event.json"));
    }

    @Test
    void itsTablesAreItsTemplatesSimpleTableAsSamDefinesItAndPlainTables() throws IOException {
        write(TEMPLATE);
        Files.createDirectories(directory.resolve("events"));
        Files.writeString(directory.resolve("events/event.json"), "{}");

        var tables = new AwsSampleDeployment(AwsSample.at(directory), "eu-west-1").tables();

        assertThat(tables).extracting(TableDefinition::name).containsExactlyInAnyOrder("notes", "aws-sample-auditTable");
        TableDefinition notes = tables.stream().filter(table -> table.name().equals("notes")).findFirst().orElseThrow();
        assertThat(notes.keySchema()).singleElement().satisfies(key -> {
            assertThat(key.attributeName()).isEqualTo("noteId");
            assertThat(key.keyType()).isEqualTo(KeyType.HASH);
        });
        assertThat(notes.attributes()).singleElement().satisfies(attribute ->
                assertThat(attribute.attributeTypeAsString()).isEqualTo("S"));
    }

    @Test
    void deployedItsTablesExistAndItsFunctionRunsOnThisRuntimeWithItsTemplatesConfigurationBesideLambdas() throws IOException {
        write(TEMPLATE);
        Files.createDirectories(directory.resolve("events"));
        Files.writeString(directory.resolve("events/event.json"), "{}");
        AwsSampleDeployment deployment = new AwsSampleDeployment(AwsSample.at(directory), "eu-west-1");
        Path build = directory.resolve("build");

        try (MotoServer moto = startMoto();
             DynamoDbClient dynamoDb = new AwsClientFactory("eu-west-1").client(DynamoDbClient.builder(), moto.endpoint())) {
            deployment.createTables(dynamoDb);
            assertThat(dynamoDb.describeTable(builder -> builder.tableName("notes")).table().keySchema())
                    .extracting(KeySchemaElement::attributeName).containsExactly("noteId");
            assertThat(dynamoDb.listTables().tableNames()).contains("notes", "aws-sample-auditTable");
        }
        FunctionConfiguration function = deployment.function(build,
                Map.of("AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL", "http://127.0.0.1:4766"), "java25");

        assertThat(function.handler()).isEqualTo("example.Notes::handleRequest");
        assertThat(function.memoryMb()).isEqualTo(768);
        assertThat(function.timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(function.runtime()).isEqualTo("java25");
        assertThat(function.codeDirectory()).isEqualTo(build.resolve("notesFunction"));
        assertThat(function.environment()).containsEntry("JAVA_TOOL_OPTIONS", "-XX:+UseSerialGC")
                .containsEntry("NOTES_TABLE", "notes")
                .containsEntry("AWS_EXECUTION_ENV", "AWS_Lambda_java25")
                .containsEntry("AWS_LAMBDA_FUNCTION_NAME", "notesWriter")
                .containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "768")
                .containsEntry("AWS_ENDPOINT_URL", "http://127.0.0.1:4766");
    }

    @Test
    void aDirectoryThatIsNotAOneFunctionMavenSampleIsRefusedWithWhatIsMissing() throws IOException {
        assertThatThrownBy(() -> AwsSample.at(directory)).hasMessageContaining("has no template.yaml")
                .hasMessageContaining("java-test-samples/apigw-lambda-ddb");

        write(TEMPLATE.replace("Resources:\n", "Resources:\n  other:\n    Type: AWS::Serverless::Function\n"));
        assertThatThrownBy(() -> AwsSample.at(directory)).hasMessageContaining("has 2 functions [other, notesFunction]");

        write(TEMPLATE);
        Files.delete(directory.resolve("NotesFunction/pom.xml"));
        assertThatThrownBy(() -> AwsSample.at(directory)).hasMessageContaining("has no pom.xml");

        write(TEMPLATE);
        assertThatThrownBy(() -> AwsSample.at(directory)).hasMessageContaining("the sample has no event to invoke it with");
    }

    @Test
    void anApiAnswerOfAServerErrorIsItsErrorPathNotASuccess() {
        InvocationReport report = new InvocationReport("request", 3, 1024, 100, java.util.OptionalDouble.empty(), "success");

        assertThat(ColdStarts.succeeded(answered("{\"statusCode\":201,\"body\":\"{}\"}", report))).isTrue();
        assertThat(ColdStarts.succeeded(answered("{\"body\":\"\\\"id\\\"\"}", report))).as("no status code").isTrue();
        assertThat(ColdStarts.succeeded(answered("\"pong 1\"", report))).as("not an API answer").isTrue();
        assertThat(ColdStarts.succeeded(answered("{\"statusCode\":500}", report))).isFalse();
        assertThat(ColdStarts.succeeded(new InvocationResult.Failed("Unhandled", new byte[0], report, ""))).isFalse();
    }

    private static InvocationResult answered(String payload, InvocationReport report) {
        return new InvocationResult.Answered(payload.getBytes(StandardCharsets.UTF_8), report, "");
    }

    private void write(String template) throws IOException {
        Files.writeString(directory.resolve("template.yaml"), template);
        Files.createDirectories(directory.resolve("NotesFunction"));
        Files.writeString(directory.resolve("NotesFunction/pom.xml"), "<project/>");
    }

    /** The local run's moto, from the project's virtualenv (make tools) or the PATH's python3. */
    private MotoServer startMoto() {
        Path root = Path.of("../..").toAbsolutePath().normalize();
        Path venvPython = root.resolve(".venv/bin/python");
        return MotoServer.start(Files.isExecutable(venvPython) ? venvPython : Path.of("python3"),
                root.resolve("tools/local-run/src/main/python/moto_server.py"), directory.resolve("moto"), "000000000000", Map.of());
    }
}
