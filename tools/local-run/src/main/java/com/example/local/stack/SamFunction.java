package com.example.local.stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.example.local.cloudformation.CloudFormationTemplate;
import com.example.local.cloudformation.CloudFormationTemplate.Resource;

/**
 * An AWS::Serverless::Function's properties as SAM reads them: {@code Globals.Function} merged
 * under the function's own (maps merged key by key, lists joined, anything else overridden).
 */
public final class SamFunction {

    private final Resource resource;
    private final Map<String, Object> properties;

    public SamFunction(Resource resource, Map<String, Object> globals) {
        this.resource = resource;
        this.properties = merge(globals, resource.properties());
    }

    public String logicalId() {
        return resource.logicalId();
    }

    public Map<String, Object> properties() {
        return properties;
    }

    public Optional<Object> property(String... path) {
        Object current = properties;
        for (String step : path) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(step)) {
                return Optional.empty();
            }
            current = map.get(step);
        }
        return Optional.ofNullable(current);
    }

    Map<String, Object> events() {
        return CloudFormationTemplate.map(properties, "Events");
    }

    Map<String, Object> metadata() {
        return resource.metadata();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> merge(Map<String, Object> globals, Map<String, Object> own) {
        Map<String, Object> merged = new LinkedHashMap<>(globals);
        own.forEach((key, value) -> {
            Object global = merged.get(key);
            if (global instanceof Map<?, ?> globalMap && value instanceof Map<?, ?> ownMap && !isIntrinsic(ownMap)) {
                merged.put(key, merge((Map<String, Object>) globalMap, (Map<String, Object>) ownMap));
            } else if (global instanceof List<?> globalList && value instanceof List<?> ownList) {
                List<Object> joined = new ArrayList<>(globalList);
                joined.addAll(ownList);
                merged.put(key, joined);
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    private static boolean isIntrinsic(Map<?, ?> map) {
        return map.size() == 1 && map.keySet().stream().map(String::valueOf).anyMatch(key -> key.equals("Ref") || key.startsWith("Fn::"));
    }
}
