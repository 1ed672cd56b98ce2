package com.example.local.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.example.local.cloudformation.CloudFormationTemplate;
import com.example.local.cloudformation.CloudFormationTemplate.Resource;
import com.example.local.cloudformation.DeployedStack;

/**
 * What of a template the local run can deploy: resource types it emulates, types that exist in AWS
 * but have no local effect, and, for everything else (a resource type, a function event, a target
 * or pipe feature), a problem that names it. The local run refuses to start on a problem rather
 * than skip part of the application silently.
 */
public final class TemplateSupport {

    static final Set<String> EMULATED = Set.of("AWS::DynamoDB::Table", "AWS::SQS::Queue", "AWS::SSM::Parameter",
            "AWS::SecretsManager::Secret", "AWS::S3::Bucket", "AWS::Events::EventBus", "AWS::Events::Archive",
            "AWS::Events::Rule", "AWS::Events::EventBusPolicy", "AWS::Pipes::Pipe", "AWS::Serverless::Function", "AWS::Serverless::StateMachine",
            "AWS::Serverless::Api", "AWS::Serverless::LayerVersion", "AWS::CloudWatch::Alarm", "AWS::Serverless::Application",
            "AWS::CloudFormation::Stack");
    private static final Set<String> FUNCTION_EVENTS = Set.of("Api", "SQS", "EventBridgeRule");
    private static final Set<String> TRANSFORMS = Set.of("AWS::Serverless-2016-10-31", "AWS::LanguageExtensions");

    private final DeployedStack stack;
    private final Path buildDirectory;

    /**
     * @param stack          the application's root stack: its nested stacks are checked with it
     * @param buildDirectory {@code sam build}'s output for the whole application
     */
    public TemplateSupport(DeployedStack stack, Path buildDirectory) {
        this.stack = stack;
        this.buildDirectory = buildDirectory;
    }

    /** Everything in the templates the local run cannot emulate; empty when it can run it all. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (DeployedStack each : stack.withNestedStacks()) {
            problems.addAll(new TemplateSupport(each, buildDirectory).problemsOfThisStack());
        }
        return problems;
    }

    private List<String> problemsOfThisStack() {
        List<String> problems = new ArrayList<>();
        stack.template().transforms().stream().filter(transform -> !TRANSFORMS.contains(transform))
                .forEach(transform -> problems.add(where() + "the transform " + transform + " is not applied locally"));
        for (Resource resource : stack.template().resources().values()) {
            if (!stack.includes(resource)) {
                continue;
            }
            String type = resource.type();
            if (!EMULATED.contains(type) && !TemplateDeployment.WITHOUT_LOCAL_EFFECT.containsKey(type)) {
                problems.add(qualified(resource) + " (" + type + "): a resource type the local run cannot emulate");
            }
            switch (type) {
                case "AWS::Serverless::Function" -> problems.addAll(functionProblems(resource));
                case "AWS::Serverless::StateMachine" -> problems.addAll(eventProblems(resource, Set.of("EventBridgeRule")));
                case "AWS::Events::Rule" -> problems.addAll(ruleProblems(resource));
                case "AWS::Serverless::Api" -> problems.addAll(apiProblems(resource));
                case "AWS::Pipes::Pipe" -> problems.addAll(pipeProblems(resource));
                case "AWS::Serverless::LayerVersion" -> {
                    Path content = buildDirectory.resolve(stack.qualified(resource.logicalId())).resolve("java/lib");
                    if (!Files.isDirectory(content)) {
                        problems.add(qualified(resource) + ": no build output in " + content + "; run sam build (make build)");
                    }
                }
                case "AWS::Serverless::Application", "AWS::CloudFormation::Stack" -> {
                    Optional<Object> location = resource.property("Location").or(() -> resource.property("TemplateURL"));
                    if (location.isEmpty() || !(location.get() instanceof String file) || !Files.isRegularFile(stack.template().file(file))) {
                        problems.add(qualified(resource) + ": only a nested stack whose template is a local file is deployed locally");
                    }
                }
                default -> {
                }
            }
        }
        return problems;
    }

    private String where() {
        return stack.path().isEmpty() ? "" : stack.path() + ": ";
    }

    private String qualified(Resource resource) {
        return stack.qualified(resource.logicalId());
    }

    private List<String> functionProblems(Resource resource) {
        SamFunction function = new SamFunction(resource, stack.template().functionGlobals());
        List<String> problems = new ArrayList<>(eventProblems(resource, FUNCTION_EVENTS));
        String runtime = function.property("Runtime").map(String::valueOf).orElse("");
        if (!runtime.startsWith("java")) {
            problems.add(qualified(resource) + ": runtime " + runtime + "; the local run runs Java functions only");
        }
        if (function.property("PackageType").filter("Image"::equals).isPresent()) {
            problems.add(qualified(resource) + ": container image functions are not emulated");
        }
        Path artifact = buildDirectory.resolve(qualified(resource));
        if (!Files.isDirectory(artifact)) {
            problems.add(qualified(resource) + ": no build output in " + artifact + "; run sam build (make build)");
        }
        // A layer is named by Ref: to a layer of this template, or to a parameter the parent stack passes one in.
        for (Object layer : function.property("Layers").map(CloudFormationTemplate::asList).orElse(List.of())) {
            if (!(layer instanceof Map<?, ?> reference) || !(reference.get("Ref") instanceof String layerId)
                    || !(stack.template().resources().containsKey(layerId) || stack.template().parameters().containsKey(layerId))) {
                problems.add(qualified(resource) + ": layer " + layer + " is neither a layer of this template nor a parameter");
            }
        }
        function.property("EventInvokeConfig", "DestinationConfig").ifPresent(destinations -> {
            Map<String, Object> config = CloudFormationTemplate.asMap(destinations);
            if (config.containsKey("OnSuccess")) {
                problems.add(qualified(resource) + ": OnSuccess destinations are not emulated");
            }
            Object onFailureType = CloudFormationTemplate.map(config, "OnFailure").get("Type");
            if (onFailureType != null && !"SQS".equals(onFailureType)) {
                problems.add(qualified(resource) + ": on-failure destinations of type " + onFailureType + " are not emulated");
            }
        });
        return problems;
    }

    private List<String> eventProblems(Resource resource, Set<String> supportedTypes) {
        List<String> problems = new ArrayList<>();
        CloudFormationTemplate.map(resource.properties(), "Events").forEach((name, event) -> {
            Map<String, Object> body = CloudFormationTemplate.asMap(event);
            String type = String.valueOf(body.get("Type"));
            if (!supportedTypes.contains(type)) {
                problems.add(qualified(resource) + "." + name + ": events of type " + type + " are not emulated");
                return;
            }
            Map<String, Object> properties = CloudFormationTemplate.map(body, "Properties");
            for (String unsupported : List.of("Input", "InputPath", "InputTransformer", "Filter", "FilterCriteria",
                    "DestinationConfig")) {
                if (properties.containsKey(unsupported)) {
                    problems.add(qualified(resource) + "." + name + ": " + unsupported + " is not emulated");
                }
            }
            if (CloudFormationTemplate.map(properties, "DeadLetterConfig").containsKey("Type")) {
                problems.add(qualified(resource) + "." + name + ": a DeadLetterConfig by Type (a queue SAM creates) is not "
                        + "emulated; name the queue with Arn");
            }
        });
        return problems;
    }

    /** IAM authorisation with a resource policy of custom statements is evaluated; other authorizers and policy forms are not. */
    private List<String> apiProblems(Resource resource) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> auth = CloudFormationTemplate.map(resource.properties(), "Auth");
        auth.keySet().stream().filter(key -> !Set.of("DefaultAuthorizer", "InvokeRole", "ResourcePolicy").contains(key))
                .forEach(key -> problems.add(qualified(resource) + ": Auth." + key + " is not emulated"));
        Object authorizer = auth.getOrDefault("DefaultAuthorizer", "NONE");
        if (!"AWS_IAM".equals(authorizer) && !"NONE".equals(authorizer)) {
            problems.add(qualified(resource) + ": the authorizer " + authorizer + " is not emulated (AWS_IAM is)");
        }
        CloudFormationTemplate.map(auth, "ResourcePolicy").keySet().stream().filter(key -> !"CustomStatements".equals(key))
                .forEach(key -> problems.add(qualified(resource) + ": Auth.ResourcePolicy." + key + " is not evaluated (CustomStatements are)"));
        return problems;
    }

    private List<String> ruleProblems(Resource resource) {
        List<String> problems = new ArrayList<>();
        if (resource.property("ScheduleExpression").isPresent()) {
            problems.add(qualified(resource) + ": scheduled rules are not emulated");
        }
        for (Object target : resource.property("Targets").map(CloudFormationTemplate::asList).orElse(List.of())) {
            CloudFormationTemplate.asMap(target).keySet().stream()
                    .filter(key -> !Set.of("Id", "Arn", "RetryPolicy", "DeadLetterConfig", "RoleArn", "InputTransformer").contains(key))
                    .forEach(key -> problems.add(qualified(resource) + ": target property " + key + " is not emulated"));
        }
        return problems;
    }

    private List<String> pipeProblems(Resource resource) {
        List<String> problems = new ArrayList<>();
        if (resource.property("Enrichment").isPresent()) {
            problems.add(qualified(resource) + ": pipe enrichment is not emulated");
        }
        if (resource.property("SourceParameters", "DynamoDBStreamParameters").isEmpty()) {
            problems.add(qualified(resource) + ": only pipes from a DynamoDB stream are emulated");
        }
        if (resource.property("TargetParameters", "EventBridgeEventBusParameters").isEmpty()) {
            problems.add(qualified(resource) + ": only pipes to an event bus are emulated");
        }
        return problems;
    }
}
