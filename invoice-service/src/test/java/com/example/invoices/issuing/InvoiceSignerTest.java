package com.example.invoices.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

import org.junit.jupiter.api.Test;

import com.example.invoices.domain.Invoice;
import com.example.invoices.domain.InvoiceId;
import com.example.invoices.domain.InvoiceNumber;
import com.example.platform.money.Money;

/** Signing records the key version; verifying uses it, so a rotation never breaks an invoice signed before. */
class InvoiceSignerTest {

    private final RotatingKey keys = new RotatingKey("first-key");
    private final InvoiceSigner signer = new InvoiceSigner(keys::current);
    private final InvoiceVerifier verifier = new InvoiceVerifier(keys::secretOf);

    @Test
    void anInvoiceRecordsTheKeyVersionItWasSignedWith() {
        Invoice signed = signer.sign(unsigned("o-1", "10.00"));

        assertThat(signed.signingKeyVersion()).isEqualTo("v1");
        assertThat(verifier.verifies(signed)).isTrue();
    }

    @Test
    void afterARotationOldAndNewInvoicesBothVerifyEachUnderItsOwnVersion() {
        Invoice before = signer.sign(unsigned("o-1", "10.00"));
        keys.rotate("second-key");
        Invoice after = signer.sign(unsigned("o-2", "10.00"));

        assertThat(after.signingKeyVersion()).isEqualTo("v2");
        assertThat(signer.sign(unsigned("o-1", "10.00")).signature()).as("the same fields under the new key")
                .isNotEqualTo(before.signature());
        assertThat(verifier.verifies(before)).isTrue();
        assertThat(verifier.verifies(after)).isTrue();
    }

    @Test
    void aTamperedInvoiceOrOneClaimingAnotherVersionDoesNotVerify() {
        Invoice signed = signer.sign(unsigned("o-1", "10.00"));
        keys.rotate("second-key");

        Invoice tampered = new Invoice(signed.id(), signed.number(), signed.orderId(), signed.customerId(), signed.net(),
                signed.taxRate(), signed.tax(), euros("0.01"), signed.issuedAt(), signed.correlationId(), signed.causationId(),
                signed.signature(), signed.signingKeyVersion());
        assertThat(verifier.verifies(tampered)).isFalse();
        assertThat(verifier.verifies(signed.withSignature(signed.signature(), "v2"))).as("under the other version").isFalse();
    }

    @Test
    void aVersionTheSecretNoLongerHasVerifiesNothing() {
        Invoice signed = signer.sign(unsigned("o-1", "10.00"));
        keys.rotate("second-key");
        keys.forget("v1");

        assertThat(verifier.verifies(signed)).isFalse();
    }

    @Test
    void anInvoiceSignedBeforeVersionsWereRecordedVerifiesUnderTheCurrentKey() {
        Invoice signed = signer.sign(unsigned("o-1", "10.00"));
        Invoice unrecorded = signed.withSignature(signed.signature(), Invoice.KEY_VERSION_NOT_RECORDED);

        assertThat(verifier.verifies(unrecorded)).isTrue();
        keys.rotate("second-key");
        assertThat(verifier.verifies(unrecorded)).as("after a rotation it no longer can: the runbook records versions first").isFalse();
    }

    private static Invoice unsigned(String orderId, String net) {
        return new Invoice(InvoiceId.forOrder(orderId), new InvoiceNumber(2026, 1), orderId, "c-1", euros(net),
                new BigDecimal("0.20"), euros("2.00"), euros("12.00"), Instant.parse("2026-11-23T10:00:00Z"), "corr", "cause",
                "unsigned", "unsigned");
    }

    private static Money euros(String amount) {
        return new Money(new BigDecimal(amount), Currency.getInstance("EUR"));
    }
}
