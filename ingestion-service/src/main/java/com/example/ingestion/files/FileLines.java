package com.example.ingestion.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The lines of a stream, one at a time, never more than one line in memory: however large the
 * file, reading it takes the same memory. A line is cut at {@code \n} (a {@code \r} before it is
 * dropped); a line longer than {@link #MAX_LINE_BYTES} or not valid UTF-8 is still a line, numbered
 * like the others, with the reason it cannot be read.
 */
public final class FileLines {

    /** The most bytes a line may have: an order with 50 lines fits many times over, and an event stays far below 256 KB. */
    public static final int MAX_LINE_BYTES = 64 * 1024;

    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
    private int number;

    public FileLines(InputStream in) {
        this.in = in;
    }

    public sealed interface Line permits Text, Unreadable {
        int number();
    }

    public record Text(int number, String text) implements Line {
    }

    public record Unreadable(int number, String reason) implements Line {
    }

    /** The next line, or empty at the end of the stream (a final line without a newline is still a line). */
    public Optional<Line> next() {
        line.reset();
        boolean tooLong = false;
        boolean sawAnything = false;
        try {
            int b;
            while ((b = in.read()) != -1) {
                sawAnything = true;
                if (b == '\n') {
                    break;
                }
                if (line.size() < MAX_LINE_BYTES + 1) {
                    line.write(b);
                } else {
                    tooLong = true;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the file failed at line " + (number + 1), e);
        }
        if (!sawAnything) {
            return Optional.empty();
        }
        number++;
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        if (tooLong || length > MAX_LINE_BYTES) {
            return Optional.of(new Unreadable(number, "the line is longer than " + MAX_LINE_BYTES + " bytes"));
        }
        int start = number == 1 && startsWithByteOrderMark(bytes) ? 3 : 0;
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, length - start))
                    .toString();
            return Optional.of(new Text(number, text));
        } catch (CharacterCodingException e) {
            return Optional.of(new Unreadable(number, "the line is not valid UTF-8"));
        }
    }

    private static boolean startsWithByteOrderMark(byte[] bytes) {
        return bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf;
    }
}
