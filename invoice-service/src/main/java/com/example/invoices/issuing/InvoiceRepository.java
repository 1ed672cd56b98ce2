package com.example.invoices.issuing;

import java.util.Optional;

import com.example.invoices.domain.Invoice;
import com.example.invoices.domain.InvoiceId;

/** Where invoices and their numbering live. An invoice id is written once. */
public interface InvoiceRepository {

    Optional<Invoice> find(InvoiceId id);

    /** Stores the invoice unless its id exists; then answers with the invoice stored under that id. */
    InsertOutcome insertIfAbsent(Invoice invoice);

    /** The next number of the year's sequence: unique however many functions ask at once. */
    long nextSequence(int year);

    sealed interface InsertOutcome permits Inserted, AlreadyExists {
    }

    record Inserted() implements InsertOutcome {
    }

    record AlreadyExists(Invoice existing) implements InsertOutcome {
    }
}
