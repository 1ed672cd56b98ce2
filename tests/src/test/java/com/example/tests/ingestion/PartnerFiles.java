package com.example.tests.ingestion;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Partner order files, built line by line (bytes, so a line can be invalid UTF-8). */
final class PartnerFiles {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private int lines;

    static String order(String reference, String currency, String unitPrice) {
        return "{\"partnerOrderRef\":\"" + reference + "\",\"customerId\":\"customer-1842\",\"currency\":\"" + currency
                + "\",\"lines\":[{\"sku\":\"BOOK-0451\",\"quantity\":2,\"unitPrice\":\"" + unitPrice + "\"}]}";
    }

    PartnerFiles line(String text) {
        return bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    PartnerFiles bytes(byte[] line) {
        if (lines > 0) {
            bytes.writeBytes(new byte[] {'\n'});
        }
        bytes.writeBytes(line);
        lines++;
        return this;
    }

    int lineCount() {
        return lines;
    }

    /** The file, without a newline after its last line (the last line still counts). */
    byte[] content() {
        return bytes.toByteArray();
    }
}
