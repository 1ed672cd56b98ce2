package com.example.local.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
            "AWS::Events::Rule", "AWS::Pipes::Pipe", "AWS::Serverless::Function", "AWS::Serverless::StateMachine",
            "AWS::Serverless::Api", "AWS::Serverless::LayerVersion", "AWS::CloudWatch::Alarm");
    private static final Set<String> FUNCTION_EVENTS = Set.of("Api", "SQS", "EventBridgeRule");

    private final DeployedStack stack;
    private final Path buildDirectory;

    public TemplateSupport(DeployedStack stack, Path buildDirectory) {
        this.stack = stack;
        this.buildDirectory = buildDirectory;
    }

    /** Everything in the template the local run cannot emulate; empty when it can run it all. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        List<Resource> apiResources = new ArrayList<>();
        for (Resource resource : stack.template().resources().values()) {
            if (!stack.includes(resource)) {
                continue;
            }
            String type = resource.type();
            if (!EMULATED.contains(type) && !TemplateDeployment.WITHOUT_LOCAL_EFFECT.containsKey(type)) {
                problems.add(resource.logicalId() + " (" + type + "): a resource type the local run cannot emulate");
            }
            switch (type) {
                case "AWS::Serverless::Function" -> problems.addAll(functionProblems(resource));
                case "AWS::Serverless::StateMachine" -> problems.addAll(eventProblems(resource, Set.of("EventBridgeRule")));
                case "AWS::Serverless::Api" -> apiResources.add(resource);
                case "AWS::Events::Rule" -> problems.addAll(ruleProblems(resource));
                case "AWS::Pipes::Pipe" -> problems.addAll(pipeProblems(resource));
                case "AWS::Serverless::LayerVersion" -> {
                    if (!Files.isDirectory(buildDirectory.resolve(resource.logicalId()).resolve("java/lib"))) {
                        problems.add(resource.logicalId() + ": no build output in " + buildDirectory.resolve(resource.logicalId())
                                + "/java/lib; run sam build (make build)");
                    }
                }
                default -> {
                }
            }
        }
        if (apiResources.size() > 1) {
            problems.add("The template has " + apiResources.size() + " APIs; the local run serves one REST API");
        }
        return problems;
    }

    private List<String> functionProblems(Resource resource) {
        SamFunction function = new SamFunction(resource, stack.template().functionGlobals());
        List<String> problems = new ArrayList<>(eventProblems(resource, FUNCTION_EVENTS));
        String runtime = function.property("Runtime").map(String::valueOf).orElse("");
        if (!runtime.startsWith("java")) {
            problems.add(resource.logicalId() + ": runtime " + runtime + "; the local run runs Java functions only");
        }
        if (function.property("PackageType").filter("Image"::equals).isPresent()) {
            problems.add(resource.logicalId() + ": container image functions are not emulated");
        }
        Path artifact = buildDirectory.resolve(resource.logicalId());
        if (!Files.isDirectory(artifact)) {
            problems.add(resource.logicalId() + ": no build output in " + artifact + "; run sam build (make build)");
        }
        for (Object layer : function.property("Layers").map(CloudFormationTemplate::asList).orElse(List.of())) {
            if (!(layer instanceof Map<?, ?> reference) || !(reference.get("Ref") instanceof String layerId)
                    || !stack.template().resources().containsKey(layerId)) {
                problems.add(resource.logicalId() + ": layer " + layer + " is not a layer of this template");
            }
        }
        function.property("EventInvokeConfig", "DestinationConfig").ifPresent(destinations -> {
            Map<String, Object> config = CloudFormationTemplate.asMap(destinations);
            if (config.containsKey("OnSuccess")) {
                problems.add(resource.logicalId() + ": OnSuccess destinations are not emulated");
            }
            Object onFailureType = CloudFormationTemplate.map(config, "OnFailure").get("Type");
            if (onFailureType != null && !"SQS".equals(onFailureType)) {
                problems.add(resource.logicalId() + ": on-failure destinations of type " + onFailureType + " are not emulated");
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
                problems.add(resource.logicalId() + "." + name + ": events of type " + type + " are not emulated");
                return;
            }
            Map<String, Object> properties = CloudFormationTemplate.map(body, "Properties");
            for (String unsupported : List.of("Input", "InputPath", "InputTransformer", "Filter", "FilterCriteria",
                    "DestinationConfig")) {
                if (properties.containsKey(unsupported)) {
                    problems.add(resource.logicalId() + "." + name + ": " + unsupported + " is not emulated");
                }
            }
            if (CloudFormationTemplate.map(properties, "DeadLetterConfig").containsKey("Type")) {
                problems.add(resource.logicalId() + "." + name + ": a DeadLetterConfig by Type (a queue SAM creates) is not "
                        + "emulated; name the queue with Arn");
            }
        });
        return problems;
    }

    private List<String> ruleProblems(Resource resource) {
        List<String> problems = new ArrayList<>();
        if (resource.property("ScheduleExpression").isPresent()) {
            problems.add(resource.logicalId() + ": scheduled rules are not emulated");
        }
        for (Object target : resource.property("Targets").map(CloudFormationTemplate::asList).orElse(List.of())) {
            CloudFormationTemplate.asMap(target).keySet().stream()
                    .filter(key -> !Set.of("Id", "Arn", "RetryPolicy", "DeadLetterConfig", "RoleArn").contains(key))
                    .forEach(key -> problems.add(resource.logicalId() + ": target property " + key + " is not emulated"));
        }
        return problems;
    }

    private List<String> pipeProblems(Resource resource) {
        List<String> problems = new ArrayList<>();
        if (resource.property("Enrichment").isPresent()) {
            problems.add(resource.logicalId() + ": pipe enrichment is not emulated");
        }
        if (resource.property("SourceParameters", "DynamoDBStreamParameters").isEmpty()) {
            problems.add(resource.logicalId() + ": only pipes from a DynamoDB stream are emulated");
        }
        if (resource.property("TargetParameters", "EventBridgeEventBusParameters").isEmpty()) {
            problems.add(resource.logicalId() + ": only pipes to an event bus are emulated");
        }
        return problems;
    }
}
