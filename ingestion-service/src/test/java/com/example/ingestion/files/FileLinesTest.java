package com.example.ingestion.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.example.ingestion.files.FileLines.Line;
import com.example.ingestion.files.FileLines.Text;
import com.example.ingestion.files.FileLines.Unreadable;

class FileLinesTest {

    private static List<Line> lines(byte[] content) {
        FileLines lines = new FileLines(new ByteArrayInputStream(content));
        List<Line> read = new ArrayList<>();
        for (var next = lines.next(); next.isPresent(); next = lines.next()) {
            read.add(next.get());
        }
        return read;
    }

    private static List<Line> lines(String content) {
        return lines(content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void linesAreNumberedFromOneAndALastLineWithoutNewlineCounts() {
        assertThat(lines("a\nb\r\n\nlast")).containsExactly(new Text(1, "a"), new Text(2, "b"), new Text(3, ""),
                new Text(4, "last"));
    }

    @Test
    void aTrailingNewlineEndsTheLastLineAndAddsNone() {
        assertThat(lines("a\nb\n")).hasSize(2);
        assertThat(lines("")).isEmpty();
    }

    @Test
    void invalidUtf8IsAnUnreadableLineAndTheNextLineIsReadAsUsual() {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes("ok\n".getBytes(StandardCharsets.UTF_8));
        content.writeBytes(new byte[] {'x', (byte) 0xC3, (byte) 0x28, '\n'});
        content.writeBytes("é fine".getBytes(StandardCharsets.UTF_8));

        assertThat(lines(content.toByteArray())).containsExactly(new Text(1, "ok"),
                new Unreadable(2, "the line is not valid UTF-8"), new Text(3, "é fine"));
    }

    @Test
    void anOversizedLineIsUnreadableWithoutBeingKeptAndTheNextIsRead() {
        String oversized = "x".repeat(FileLines.MAX_LINE_BYTES + 1);

        assertThat(lines(oversized + "\nafter")).containsExactly(
                new Unreadable(1, "the line is longer than 65536 bytes"), new Text(2, "after"));
        assertThat(lines("y".repeat(FileLines.MAX_LINE_BYTES))).containsExactly(new Text(1, "y".repeat(FileLines.MAX_LINE_BYTES)));
    }

    @Test
    void aByteOrderMarkOnTheFirstLineIsNotPartOfIt() {
        byte[] withBom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};

        assertThat(lines(withBom)).containsExactly(new Text(1, "{}"));
    }
}
