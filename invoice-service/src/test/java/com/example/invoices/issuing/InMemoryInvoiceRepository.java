package com.example.invoices.issuing;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.example.invoices.domain.Invoice;
import com.example.invoices.domain.InvoiceId;

/** The repository contract in memory, for unit tests; DynamoDB is tested in tests/. */
final class InMemoryInvoiceRepository implements InvoiceRepository {

    final Map<InvoiceId, Invoice> invoices = new ConcurrentHashMap<>();
    final Map<Integer, AtomicLong> sequences = new ConcurrentHashMap<>();

    @Override
    public Optional<Invoice> find(InvoiceId id) {
        return Optional.ofNullable(invoices.get(id));
    }

    @Override
    public InsertOutcome insertIfAbsent(Invoice invoice) {
        Invoice existing = invoices.putIfAbsent(invoice.id(), invoice);
        return existing == null ? new Inserted() : new AlreadyExists(existing);
    }

    @Override
    public long nextSequence(int year) {
        return sequences.computeIfAbsent(year, ignored -> new AtomicLong()).incrementAndGet();
    }
}
