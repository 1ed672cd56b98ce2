package com.example.local.cloudformation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SAM or CloudFormation template as data, for the checks that read it and the local run that
 * deploys it, with its {@code Fn::ForEach} loops expanded ({@link LanguageExtensions}) as
 * CloudFormation expands them before anything else reads it. Files it names (a nested stack's
 * template, a state machine's definition) are relative to its directory.
 */
public final class CloudFormationTemplate {

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9]+)(\\.[A-Za-z0-9.]+)?}");

    private final Map<String, Object> written;
    private final Map<String, Object> document;
    private final Path location;

    private CloudFormationTemplate(Map<String, Object> written, Path location) {
        this.written = written;
        this.document = LanguageExtensions.requested(written) ? LanguageExtensions.expand(written) : written;
        this.location = location;
    }

    public static CloudFormationTemplate load(Path file) {
        try {
            return new CloudFormationTemplate(CloudFormationYaml.load(Files.readString(file)), file.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A template given as text; the files it names are relative to the working directory. */
    public static CloudFormationTemplate parse(String yaml) {
        return new CloudFormationTemplate(CloudFormationYaml.load(yaml), Path.of("template.yaml").toAbsolutePath());
    }

    /** The template's file. */
    public Path location() {
        return location;
    }

    /** Where the files the template names are found. */
    public Path directory() {
        return location.getParent();
    }

    /** A file the template names (DefinitionUri, Location), relative to the template. */
    public Path file(String relative) {
        return directory().resolve(relative).normalize();
    }

    /** The template's transforms, in the order CloudFormation applies them. */
    public List<String> transforms() {
        Object transform = document.get("Transform");
        if (transform == null) {
            return List.of();
        }
        return transform instanceof List<?> several ? several.stream().map(String::valueOf).toList() : List.of(String.valueOf(transform));
    }

    /** {@code Mappings}: what {@code Fn::FindInMap} looks up. */
    public Map<String, Object> mappings() {
        return map(document, "Mappings");
    }

    /** The template as written, its loops not expanded (what a check of how it is written reads). */
    public Map<String, Object> written() {
        return written;
    }

    /** The template as CloudFormation reads it once its transforms' language extensions are applied. */
    public Map<String, Object> document() {
        return document;
    }

    public Map<String, Resource> resources() {
        Map<String, Resource> resources = new LinkedHashMap<>();
        map(document, "Resources").forEach((id, body) -> resources.put(id, new Resource(id, asMap(body))));
        return resources;
    }

    public Resource resource(String logicalId) {
        return Optional.ofNullable(resources().get(logicalId))
                .orElseThrow(() -> new IllegalArgumentException("The template has no resource " + logicalId));
    }

    public List<Resource> resourcesOfType(String type) {
        return resources().values().stream().filter(resource -> resource.type().equals(type)).toList();
    }

    /** A template parameter's default value, as text. */
    public Optional<String> parameterDefault(String name) {
        Map<String, Object> parameter = map(map(document, "Parameters"), name);
        return Optional.ofNullable(parameter.get("Default")).map(String::valueOf);
    }

    public Map<String, Object> parameters() {
        return map(document, "Parameters");
    }

    /** {@code Rules}: the assertions CloudFormation checks on the parameters before it changes anything. */
    public Map<String, Object> rules() {
        return map(document, "Rules");
    }

    /** The conditions, each an intrinsic expression ({@code Fn::Equals}, {@code Fn::Not}, ...). */
    public Map<String, Object> conditions() {
        return map(document, "Conditions");
    }

    public Map<String, Object> outputs() {
        return map(document, "Outputs");
    }

    /** {@code Globals.Function}: what every AWS::Serverless::Function inherits. */
    public Map<String, Object> functionGlobals() {
        return map(map(document, "Globals"), "Function");
    }

    /** One resource: its logical id, type, properties and metadata. */
    public record Resource(String logicalId, Map<String, Object> body) {

        public String type() {
            return (String) body.get("Type");
        }

        public Map<String, Object> properties() {
            return map(body, "Properties");
        }

        public Map<String, Object> metadata() {
            return map(body, "Metadata");
        }

        public Optional<String> condition() {
            return Optional.ofNullable((String) body.get("Condition"));
        }

        /** A property by path, e.g. {@code property("SourceParameters", "FilterCriteria")}. */
        public Optional<Object> property(String... path) {
            Object current = properties();
            for (String step : path) {
                if (!(current instanceof Map<?, ?> map) || !map.containsKey(step)) {
                    return Optional.empty();
                }
                current = map.get(step);
            }
            return Optional.ofNullable(current);
        }

        public String stringProperty(String... path) {
            return property(path).map(String.class::cast).orElseThrow(() -> new IllegalArgumentException(
                    logicalId + " has no string at " + String.join(".", path)));
        }
    }

    public static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value == null ? Map.of() : asMap(value);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> asMap(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("Expected a mapping, found " + value);
        }
        return (Map<String, Object>) value;
    }

    /**
     * The logical ids a value names: by Ref ({@code Function.Alias} names {@code Function}), by
     * Fn::GetAtt, or as a Fn::Sub variable ({@code ${Name}}, {@code ${Name.Attribute}}), wherever it
     * is nested (in Fn::If and the like too). Pseudo parameters of Fn::Sub are not names.
     */
    public static Set<String> referencedNames(Object value) {
        Set<String> names = new LinkedHashSet<>();
        collectNames(value, names);
        return names;
    }

    private static void collectNames(Object value, Set<String> names) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.get("Ref") instanceof String ref) {
                names.add(ref.contains(".") ? ref.substring(0, ref.indexOf('.')) : ref);
            } else if (map.size() == 1 && map.get("Fn::GetAtt") instanceof List<?> path) {
                names.add(String.valueOf(path.getFirst()));
            } else if (map.size() == 1 && map.containsKey("Fn::Sub")) {
                Object sub = map.get("Fn::Sub");
                String text = sub instanceof List<?> pair ? String.valueOf(pair.getFirst()) : String.valueOf(sub);
                Matcher variable = SUB_VARIABLE.matcher(text);
                while (variable.find()) {
                    names.add(variable.group(1));
                }
                if (sub instanceof List<?> pair && pair.size() > 1) {
                    collectNames(pair.get(1), names);
                }
            } else {
                map.values().forEach(item -> collectNames(item, names));
            }
        } else if (value instanceof List<?> list) {
            list.forEach(item -> collectNames(item, names));
        }
    }

    @SuppressWarnings("unchecked")
    public static List<Object> asList(Object value) {
        if (!(value instanceof List<?>)) {
            throw new IllegalArgumentException("Expected a list, found " + value);
        }
        return (List<Object>) value;
    }
}
