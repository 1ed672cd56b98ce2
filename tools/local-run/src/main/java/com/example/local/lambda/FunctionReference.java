package com.example.local.lambda;

import java.util.Optional;

/**
 * How a caller names a function: its name, its ARN, or a partial ARN, each with an optional
 * qualifier (a version or an alias), as Lambda's Invoke accepts it.
 */
public record FunctionReference(String name, Optional<String> qualifier) {

    public static FunctionReference parse(String reference, Optional<String> qualifierParameter) {
        String[] parts = reference.split(":");
        String name;
        Optional<String> qualifier;
        if (reference.startsWith("arn:")) {
            // arn:aws:lambda:region:account:function:name[:qualifier]
            if (parts.length < 7 || !parts[5].equals("function")) {
                throw new IllegalArgumentException("Not a function ARN: " + reference);
            }
            name = parts[6];
            qualifier = parts.length > 7 ? Optional.of(parts[7]) : Optional.empty();
        } else if (parts.length >= 3 && parts[1].equals("function")) {
            // account:function:name[:qualifier]
            name = parts[2];
            qualifier = parts.length > 3 ? Optional.of(parts[3]) : Optional.empty();
        } else {
            name = parts[0];
            qualifier = parts.length > 1 ? Optional.of(parts[1]) : Optional.empty();
        }
        return new FunctionReference(name, qualifier.or(() -> qualifierParameter));
    }
}
