package com.example.local.stepfunctions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.example.local.Json;

/**
 * A state machine's definition as Step Functions receives it from CloudFormation: the file's text
 * with the template's {@code DefinitionSubstitutions} made (as {@code ${Name}} placeholders, before
 * the text is parsed), then, YAML or JSON, as the JSON document Step Functions stores.
 */
public final class StateMachineDefinition {

    private StateMachineDefinition() {
    }

    /** The definition file's JSON, substituted. */
    public static String read(Path file, Map<String, String> substitutions) {
        try {
            return substituted(Files.readString(file), substitutions);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the state machine definition " + file, e);
        }
    }

    /** A definition's text, substituted and parsed (JSON is YAML too); a substitution must leave a document behind. */
    public static String substituted(String text, Map<String, String> substitutions) {
        String definition = text;
        for (Map.Entry<String, String> substitution : substitutions.entrySet()) {
            definition = definition.replace("${" + substitution.getKey() + "}", substitution.getValue());
        }
        Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(definition);
        if (!(document instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("A state machine definition is a mapping, not " + document);
        }
        return Json.write(document);
    }
}
