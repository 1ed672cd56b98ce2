package com.example.local.stack;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.example.local.cloudformation.CloudFormationTemplate.Resource;
import com.example.local.cloudformation.DeployedStack;

/**
 * The layer versions of an application, by ARN: where {@code sam build} put each one's content. A
 * function names its layers by ARN, often through a parameter its parent stack passes (a service
 * stack is given the platform's layer), so the directory is found from the ARN, whichever stack
 * declared the layer.
 */
public final class LayerVersions {

    private final Map<String, Path> directories = new ConcurrentHashMap<>();

    /**
     * Publishes a layer of the stack: its ARN is what {@code Ref} of it gives from now on, its content
     * the build output of its qualified logical id.
     */
    public String publish(DeployedStack stack, Resource layer, Path buildDirectory) {
        String arn = "arn:aws:lambda:" + stack.region() + ":" + stack.accountId() + ":layer:"
                + FunctionDefinitions.physicalName(stack, layer.logicalId(), 64) + ":1";
        directories.put(arn, buildDirectory.resolve(stack.qualified(layer.logicalId())));
        stack.putRef(layer.logicalId(), arn);
        return arn;
    }

    /** Publishes every layer of the application, for a run that deploys nothing else ({@code make invoke}). */
    public static LayerVersions ofApplication(DeployedStack root, Path buildDirectory) {
        LayerVersions layers = new LayerVersions();
        for (DeployedStack stack : root.withNestedStacks()) {
            stack.template().resourcesOfType("AWS::Serverless::LayerVersion").forEach(layer -> layers.publish(stack, layer, buildDirectory));
        }
        return layers;
    }

    /** The content of the layer version an ARN names. */
    public Path directory(String arn) {
        Path directory = directories.get(arn);
        if (directory == null) {
            throw new IllegalArgumentException("Layer " + arn + " is not a layer of this application");
        }
        return directory;
    }
}
