package com.example.tests.template;

import java.util.List;

import com.example.local.cloudformation.CloudFormationTemplate;
import com.example.local.cloudformation.CloudFormationTemplate.Resource;
import com.example.local.cloudformation.DeployedStack;
import com.example.tests.ProjectFiles;

/**
 * The application's templates as the checks read them: template.yaml and every service stack it
 * nests, with their loops expanded. A resource is found by its logical id where one stack has it,
 * or qualified by its stack ({@code OrdersService/OrdersTable}).
 */
public final class ApplicationTemplates {

    private ApplicationTemplates() {
    }

    /** The root stack, undeployed: what its templates say, resolvable where nothing deployed is needed. */
    public static DeployedStack root() {
        return new DeployedStack(CloudFormationTemplate.load(ProjectFiles.resolve("template.yaml")), "serverless-orders-dev",
                "us-east-1", "123456789012", java.util.Map.of());
    }

    /** The root stack and every stack nested in it, root first. */
    public static List<DeployedStack> stacks() {
        return root().withNestedStacks();
    }

    public static Resource resource(String name) {
        return root().locate(name).resource();
    }

    /** The service stacks: every stack but the root. */
    public static List<DeployedStack> services() {
        return stacks().stream().filter(stack -> !stack.path().isEmpty()).toList();
    }

    /** Every template file of the application, relative to the project's root: template.yaml first. */
    public static List<String> files() {
        return stacks().stream().map(stack -> ProjectFiles.root().relativize(stack.template().location()).toString()).toList();
    }
}
