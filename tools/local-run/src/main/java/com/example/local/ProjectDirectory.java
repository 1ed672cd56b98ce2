package com.example.local;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checkout the local run serves: template.yaml at its root, {@code sam build}'s output under
 * {@code .aws-sam/build}, and what the local run writes (outputs, logs) under {@code .local}.
 */
public record ProjectDirectory(Path root) {

    public ProjectDirectory {
        root = root.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("template.yaml"))) {
            throw new IllegalArgumentException("No template.yaml in " + root + ": run from the project's root");
        }
    }

    /** {@code -Dproject.root}, or the working directory. */
    public static ProjectDirectory current() {
        return new ProjectDirectory(Path.of(System.getProperty("project.root", ".")));
    }

    public Path template() {
        return root.resolve("template.yaml");
    }

    public Path resolve(String relative) {
        return root.resolve(relative);
    }

    /** Where {@code sam build} put a resource's artifact. */
    public Path buildArtifact(String logicalId) {
        return root.resolve(".aws-sam/build").resolve(logicalId);
    }

    /** The local run's own files: outputs, environments, function logs. */
    public Path localState() {
        return root.resolve(".local");
    }

    public String read(String relative) {
        try {
            return Files.readString(resolve(relative));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
