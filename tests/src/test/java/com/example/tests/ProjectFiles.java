package com.example.tests;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository the tests read: the templates, contracts/, events/. */
public final class ProjectFiles {

    private ProjectFiles() {
    }

    public static Path root() {
        String configured = System.getProperty("project.root");
        Path root = Path.of(configured == null ? ".." : configured).toAbsolutePath().normalize();
        if (!Files.exists(root.resolve("template.yaml"))) {
            throw new IllegalStateException("No template.yaml under " + root + "; run the tests through Maven");
        }
        return root;
    }

    public static Path resolve(String relative) {
        return root().resolve(relative);
    }

    public static String read(String relative) {
        try {
            return Files.readString(resolve(relative));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
