package com.example.local.stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.example.local.cloudformation.CloudFormationTemplate;
import com.example.local.cloudformation.CloudFormationTemplate.Resource;

/**
 * The order CloudFormation creates resources in: a resource after everything it references (Ref,
 * GetAtt, Sub, DependsOn), the template's order otherwise.
 */
final class ResourceOrder {

    private ResourceOrder() {
    }

    static List<Resource> of(CloudFormationTemplate template, Set<String> wanted) {
        Map<String, Resource> resources = new LinkedHashMap<>();
        template.resources().forEach((id, resource) -> {
            if (wanted.contains(id)) {
                resources.put(id, resource);
            }
        });
        List<Resource> ordered = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        Set<String> visiting = new LinkedHashSet<>();
        resources.keySet().forEach(id -> visit(id, resources, done, visiting, ordered));
        return ordered;
    }

    private static void visit(String id, Map<String, Resource> resources, Set<String> done, Set<String> visiting,
                              List<Resource> ordered) {
        if (done.contains(id) || !resources.containsKey(id)) {
            return;
        }
        if (!visiting.add(id)) {
            throw new IllegalArgumentException("Circular reference between resources: " + visiting);
        }
        for (String dependency : dependencies(resources.get(id))) {
            String owner = samOwner(dependency, resources);
            if (!owner.equals(id)) {
                visit(owner, resources, done, visiting, ordered);
            }
        }
        visiting.remove(id);
        done.add(id);
        ordered.add(resources.get(id));
    }

    /**
     * The resource of the template that creates a name SAM generates for it: a function's or state
     * machine's role ({@code IssueInvoiceFunctionRole}) comes with that function; any other name is itself.
     */
    private static String samOwner(String name, Map<String, Resource> resources) {
        if (!resources.containsKey(name) && name.endsWith("Role")) {
            Resource owner = resources.get(name.substring(0, name.length() - "Role".length()));
            if (owner != null && Set.of("AWS::Serverless::Function", "AWS::Serverless::StateMachine").contains(owner.type())) {
                return owner.logicalId();
            }
        }
        return name;
    }

    /** The logical ids a resource names. */
    static Set<String> dependencies(Resource resource) {
        Set<String> names = new LinkedHashSet<>();
        Object dependsOn = resource.body().get("DependsOn");
        if (dependsOn instanceof String single) {
            names.add(single);
        } else if (dependsOn instanceof List<?> several) {
            several.forEach(name -> names.add(String.valueOf(name)));
        }
        Object properties = resource.body().get("Properties");
        if ("AWS::Serverless::Function".equals(resource.type()) && properties instanceof Map<?, ?> map
                && map.containsKey("DeploymentPreference")) {
            // SAM moves a function's deployment preference (its alarms) to a CodeDeploy deployment group:
            // the function itself does not wait for those alarms, which watch it.
            Map<Object, Object> withoutDeployment = new LinkedHashMap<>(map);
            withoutDeployment.remove("DeploymentPreference");
            properties = withoutDeployment;
        }
        names.addAll(CloudFormationTemplate.referencedNames(properties));
        return names;
    }
}
