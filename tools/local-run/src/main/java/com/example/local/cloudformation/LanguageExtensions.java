package com.example.local.cloudformation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code AWS::LanguageExtensions} transform as CloudFormation applies it before anything else
 * reads the template: every {@code Fn::ForEach::Name} of the Resources, Outputs and Conditions
 * sections (and of any mapping below them) becomes one copy of its fragment per item of its
 * collection, with {@code ${Identifier}} and {@code &{Identifier}} replaced in keys and strings and
 * {@code Ref: Identifier} replaced by the item. Loops nest.
 *
 * <p>What a loop writes through {@code Fn::Sub} only to name the item is then given in the form
 * CloudFormation resolves it to, so that every reader of the template sees one shape: a
 * {@code Fn::Sub} left with no variable is its text, one that is exactly {@code ${LogicalId}} is a
 * {@code Ref} and {@code ${LogicalId.Attribute}} a {@code Fn::GetAtt}, a {@code Fn::GetAtt} whose
 * logical id was a {@code Fn::Sub} names it directly, and a {@code Fn::FindInMap} of literal keys is
 * its value.
 */
final class LanguageExtensions {

    static final String TRANSFORM = "AWS::LanguageExtensions";
    private static final String FOR_EACH = "Fn::ForEach::";
    private static final List<String> SECTIONS = List.of("Conditions", "Resources", "Outputs");
    private static final Pattern SINGLE_REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9]+)(?:\\.([A-Za-z0-9.]+))?}");

    private LanguageExtensions() {
    }

    /** Whether the document asks for the transform. */
    static boolean requested(Map<String, Object> document) {
        Object transform = document.get("Transform");
        return transform instanceof List<?> several ? several.contains(TRANSFORM) : TRANSFORM.equals(transform);
    }

    /** The document with every loop expanded. */
    static Map<String, Object> expand(Map<String, Object> document) {
        Map<String, Object> mappings = CloudFormationTemplate.map(document, "Mappings");
        Map<String, Object> expanded = new LinkedHashMap<>(document);
        for (String section : SECTIONS) {
            if (document.get(section) instanceof Map<?, ?> body) {
                expanded.put(section, expandMapping(CloudFormationTemplate.asMap(body), mappings));
            }
        }
        return expanded;
    }

    private static Map<String, Object> expandMapping(Map<String, Object> mapping, Map<String, Object> mappings) {
        Map<String, Object> expanded = new LinkedHashMap<>();
        mapping.forEach((key, value) -> {
            if (key.startsWith(FOR_EACH)) {
                loop(key, value, mappings).forEach((generated, body) -> {
                    if (expanded.put(generated, body) != null || mapping.containsKey(generated)) {
                        throw new IllegalArgumentException(key + " generates " + generated + ", which exists already");
                    }
                });
            } else {
                expanded.put(key, expandValue(value, mappings));
            }
        });
        return expanded;
    }

    private static Object expandValue(Object value, Map<String, Object> mappings) {
        if (value instanceof Map<?, ?> map) {
            return expandMapping(CloudFormationTemplate.asMap(map), mappings);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(item -> expandValue(item, mappings)).toList();
        }
        return value;
    }

    private static Map<String, Object> loop(String name, Object definition, Map<String, Object> mappings) {
        List<Object> parts = CloudFormationTemplate.asList(definition);
        if (parts.size() != 3 || !(parts.get(0) instanceof String identifier) || !(parts.get(2) instanceof Map<?, ?> fragment)) {
            throw new IllegalArgumentException(name + " takes [Identifier, [items], {fragment}]");
        }
        if (!(parts.get(1) instanceof List<?> collection)) {
            throw new IllegalArgumentException(name + ": only a literal list of items is expanded locally, not " + parts.get(1));
        }
        Map<String, Object> copies = new LinkedHashMap<>();
        for (Object item : collection) {
            Object copy = normalised(substitute(fragment, identifier, String.valueOf(item)), mappings);
            expandMapping(CloudFormationTemplate.asMap(copy), mappings).forEach((key, body) -> {
                if (copies.put(key, body) != null) {
                    throw new IllegalArgumentException(name + " generates " + key + " twice");
                }
            });
        }
        return copies;
    }

    private static Object substitute(Object node, String identifier, String item) {
        return switch (node) {
            case String text -> text.replace("${" + identifier + "}", item)
                    .replace("&{" + identifier + "}", item.replaceAll("[^A-Za-z0-9]", ""));
            case Map<?, ?> map when map.size() == 1 && identifier.equals(map.get("Ref")) -> item;
            case Map<?, ?> map -> {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((key, value) -> copy.put((String) substitute(String.valueOf(key), identifier, item),
                        substitute(value, identifier, item)));
                yield copy;
            }
            case List<?> list -> list.stream().map(value -> substitute(value, identifier, item)).toList();
            default -> node;
        };
    }

    private static Object normalised(Object node, Map<String, Object> mappings) {
        if (node instanceof List<?> list) {
            List<Object> items = new ArrayList<>();
            list.forEach(item -> items.add(normalised(item, mappings)));
            return items;
        }
        if (!(node instanceof Map<?, ?> map)) {
            return node;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), normalised(value, mappings)));
        if (copy.size() == 1 && copy.get("Fn::Sub") instanceof String text) {
            return subAsWritten(text).orElse(copy);
        }
        // A Fn::GetAtt's logical id written as Fn::Sub was reduced to its text above.
        if (copy.size() == 1 && copy.get("Fn::GetAtt") instanceof List<?> path && !(path.getFirst() instanceof String)) {
            throw new IllegalArgumentException("Fn::GetAtt needs a logical id its loop can name, not " + path.getFirst());
        }
        if (copy.size() == 1 && copy.get("Fn::FindInMap") instanceof List<?> lookup && lookup.stream().allMatch(String.class::isInstance)) {
            return findInMap(mappings, lookup);
        }
        return copy;
    }

    /** A substitution the loop reduced to a plain text, one reference or one attribute. */
    private static Optional<Object> subAsWritten(String text) {
        if (!text.contains("${")) {
            return Optional.of(text);
        }
        Matcher single = SINGLE_REFERENCE.matcher(text);
        if (!single.matches()) {
            return Optional.empty();
        }
        return Optional.of(single.group(2) == null ? Map.of("Ref", single.group(1))
                : Map.of("Fn::GetAtt", List.of(single.group(1), single.group(2))));
    }

    static Object findInMap(Map<String, Object> mappings, List<?> lookup) {
        Object value = CloudFormationTemplate.map(CloudFormationTemplate.map(mappings, String.valueOf(lookup.get(0))),
                String.valueOf(lookup.get(1))).get(String.valueOf(lookup.get(2)));
        if (value == null) {
            throw new IllegalArgumentException("Fn::FindInMap " + lookup + ": no such entry in Mappings");
        }
        return value;
    }
}
