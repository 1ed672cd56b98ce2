package com.example.invoices.domain;

import java.util.regex.Pattern;

/**
 * A human-readable invoice number, unique and increasing within a calendar year: {@code INV-2026-000042}.
 */
public record InvoiceNumber(int year, long sequence) {

    private static final Pattern FORMAT = Pattern.compile("INV-\\d{4}-\\d{6,}");

    public InvoiceNumber {
        if (year < 2000 || year > 9999 || sequence < 1) {
            throw new IllegalArgumentException("Not an invoice number: " + year + "/" + sequence);
        }
    }

    public static InvoiceNumber parse(String text) {
        if (!FORMAT.matcher(text).matches()) {
            throw new IllegalArgumentException("Not an invoice number: " + text);
        }
        return new InvoiceNumber(Integer.parseInt(text.substring(4, 8)), Long.parseLong(text.substring(9)));
    }

    @Override
    public String toString() {
        return "INV-%d-%06d".formatted(year, sequence);
    }
}
