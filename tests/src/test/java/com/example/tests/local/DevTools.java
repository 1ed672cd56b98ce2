package com.example.tests.local;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Finds the tools the tests run (moto, sam, cfn-lint, asl-validator): first in the project's
 * virtualenv and node_modules ({@code make tools} installs both), then on the PATH. A missing tool fails the test that
 * needs it with the command that installs it; these checks are part of the build, never skipped.
 */
public final class DevTools {

    private DevTools() {
    }

    public static Path executable(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException(
                name + " was not found in " + virtualenvBin() + " or on the PATH; run `make tools` to install it"));
    }

    /** The Python that has moto installed: the virtualenv's, or python3 on the PATH. */
    public static Path python() {
        return find("python").filter(path -> path.startsWith(virtualenvBin()))
                .or(() -> find("python3"))
                .orElseThrow(() -> new IllegalStateException("No Python found; run `make tools`"));
    }

    static Optional<Path> find(String name) {
        for (Path projectTools : List.of(virtualenvBin(), checkovBin(), nodeModulesBin())) {
            if (Files.isExecutable(projectTools.resolve(name))) {
                return Optional.of(projectTools.resolve(name));
            }
        }
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(directory -> Path.of(directory, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static Path virtualenvBin() {
        return Path.of(System.getProperty("tools.bin", ".venv/bin")).toAbsolutePath();
    }

    /** checkov lives in a virtualenv of its own: its boto3 pin conflicts with the SAM CLI's. */
    private static Path checkovBin() {
        return Path.of(System.getProperty("checkov.bin", ".venv-checkov/bin")).toAbsolutePath();
    }

    private static Path nodeModulesBin() {
        return Path.of(System.getProperty("node.bin", "tools/node_modules/.bin")).toAbsolutePath();
    }
}
