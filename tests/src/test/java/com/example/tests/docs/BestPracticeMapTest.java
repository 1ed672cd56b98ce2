package com.example.tests.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.example.tests.ProjectFiles;

/**
 * The best-practice map points at lines a reader can find: every {@code file:line} it gives exists,
 * and where it names what is there ({@code template.yaml:57} (`SharedLayer`), a state at
 * {@code statemachine/...:119}), that name is on that line or the two after it. A template that
 * grows moves its lines; this says which references to move with them.
 */
class BestPracticeMapTest {

    /** {@code path:line}, then, in the same cell, optionally the name of what is there in backticks. */
    private static final Pattern REFERENCE = Pattern.compile("`([\\w./-]+\\.(?:yaml|java|toml)):(\\d+)`(?: \\(`([\\w.:-]+)`)?");
    private static final Pattern STATE_REFERENCE = Pattern.compile("`(\\w+)` \\(`([\\w./-]+\\.yaml):(\\d+)`");

    @Test
    void everyFileAndLineTheMapGivesHoldsWhatItNames() {
        String map = ProjectFiles.read("docs/best-practices.md");
        List<String> wrong = new ArrayList<>();
        int references = 0;
        Matcher reference = REFERENCE.matcher(map);
        while (reference.find()) {
            references++;
            check(reference.group(1), Integer.parseInt(reference.group(2)), reference.group(3), wrong);
        }
        Matcher state = STATE_REFERENCE.matcher(map);
        while (state.find()) {
            check(state.group(2), Integer.parseInt(state.group(3)), state.group(1), wrong);
        }
        assertThat(references).as("references in the map").isGreaterThan(20);
        assertThat(wrong).isEmpty();
    }

    private static void check(String file, int line, String name, List<String> wrong) {
        List<String> lines = ProjectFiles.read(file).lines().toList();
        if (line < 1 || line > lines.size()) {
            wrong.add(file + ":" + line + " is past the file's " + lines.size() + " lines");
            return;
        }
        if (name != null && lines.subList(line - 1, Math.min(lines.size(), line + 2)).stream().noneMatch(text -> text.contains(name))) {
            wrong.add(file + ":" + line + " does not hold " + name + " (it reads: " + lines.get(line - 1).trim() + ")");
        }
    }
}
