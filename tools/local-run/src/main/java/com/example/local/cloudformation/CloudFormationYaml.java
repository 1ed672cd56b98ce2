package com.example.local.cloudformation;

import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads CloudFormation YAML, turning the short intrinsic tags into their long form
 * ({@code !Ref X} becomes {@code {Ref: X}}, {@code !GetAtt A.B} becomes {@code {Fn::GetAtt: [A, B]}}).
 */
final class CloudFormationYaml extends SafeConstructor {

    private CloudFormationYaml(LoaderOptions options) {
        super(options);
        this.yamlMultiConstructors.put("!", new Intrinsic());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(String yaml) {
        LoaderOptions options = new LoaderOptions();
        return (Map<String, Object>) new Yaml(new CloudFormationYaml(options)).load(yaml);
    }

    private final class Intrinsic extends AbstractConstruct {

        @Override
        public Object construct(Node node) {
            String tag = node.getTag().getValue().substring(1);
            String function = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
            Object value = switch (node) {
                case ScalarNode scalar -> constructScalar(scalar);
                case SequenceNode sequence -> constructSequence(sequence);
                case MappingNode mapping -> constructMapping(mapping);
                default -> throw new IllegalArgumentException("Unexpected node " + node);
            };
            if (function.equals("Fn::GetAtt") && value instanceof String dotted) {
                value = List.of(dotted.split("\\.", 2));
            }
            return Map.of(function, value);
        }
    }
}
