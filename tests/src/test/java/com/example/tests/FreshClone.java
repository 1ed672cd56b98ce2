package com.example.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.example.tests.local.Command;

/** What `git clone` of this checkout would give: tracked files and new files git does not ignore, nothing built. */
public final class FreshClone {

    private FreshClone() {
    }

    public static void copyTo(Path target) {
        Path root = ProjectFiles.root();
        Command.Result listed = new Command(List.of("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"),
                root, Map.of()).run(60);
        assertThat(listed.exitCode()).as(listed.output()).isZero();
        for (String file : Arrays.stream(listed.output().split("\0")).filter(name -> !name.isEmpty()).toList()) {
            Path source = root.resolve(file);
            if (!Files.isRegularFile(source)) {
                continue; // deleted in the working tree
            }
            try {
                Path destination = target.resolve(file);
                Files.createDirectories(destination.getParent());
                Files.copy(source, destination, StandardCopyOption.COPY_ATTRIBUTES);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
