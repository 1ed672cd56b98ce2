package com.example.invoices.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InvoiceNumberTest {

    @Test
    void numbersReadAndWriteTheSame() {
        assertThat(new InvoiceNumber(2026, 42).toString()).isEqualTo("INV-2026-000042");
        assertThat(InvoiceNumber.parse("INV-2026-1234567")).isEqualTo(new InvoiceNumber(2026, 1_234_567));
    }

    @Test
    void anythingElseIsRefused() {
        assertThatThrownBy(() -> InvoiceNumber.parse("2026-42")).hasMessageContaining("2026-42");
        assertThatThrownBy(() -> new InvoiceNumber(2026, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
