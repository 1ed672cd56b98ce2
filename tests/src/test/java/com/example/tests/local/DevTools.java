package com.example.tests.local;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Finds the Python tools the tests run (moto_server, sam, cfn-lint): first in the project's
 * virtualenv ({@code make tools} creates it), then on the PATH. A missing tool fails the test that
 * needs it with the command that installs it; these checks are part of the build, never skipped.
 */
public final class DevTools {

    private DevTools() {
    }

    public static Path executable(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException(
                name + " was not found in " + virtualenvBin() + " or on the PATH; run `make tools` to install it"));
    }

    static Optional<Path> find(String name) {
        Path inVirtualenv = virtualenvBin().resolve(name);
        if (Files.isExecutable(inVirtualenv)) {
            return Optional.of(inVirtualenv);
        }
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(directory -> Path.of(directory, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static Path virtualenvBin() {
        return Path.of(System.getProperty("tools.bin", ".venv/bin")).toAbsolutePath();
    }
}
