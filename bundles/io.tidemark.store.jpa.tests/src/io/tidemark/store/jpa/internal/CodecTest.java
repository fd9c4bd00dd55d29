/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.tidemark.model.Address;
import io.tidemark.model.Envelope;
import io.tidemark.model.Flags;
import io.tidemark.model.SystemFlag;
import io.tidemark.model.UidSet;

/** How values are spelled in columns: every round trip exact, damaged bytes refused. */
class CodecTest {

    @Test
    void instantsRoundTripToTheNanosecondAndClampOutsideTheLongRange() {
        for (Instant t : List.of(Instant.EPOCH, Instant.parse("2024-03-01T10:00:00.123456789Z"),
                Instant.parse("1969-12-31T23:59:59.999999999Z"), Instant.parse("2262-04-11T23:47:16Z"))) {
            assertEquals(t, Codec.instant(Codec.nanos(t)));
        }
        assertNull(Codec.nanos(null));
        assertNull(Codec.instant(null));
        // a broken server's year 9999 keeps its place in the order
        assertTrue(Codec.nanos(Instant.parse("9999-12-31T00:00:00Z")) > Codec.nanos(Instant.parse("2200-01-01T00:00:00Z")));
        assertTrue(Codec.nanos(Instant.parse("0001-01-01T00:00:00Z")) < Codec.nanos(Instant.parse("1700-01-01T00:00:00Z")));
    }

    @Test
    void flagsRoundTripWithKeywordsAndTheirCase() {
        Flags f = new Flags(Set.of(SystemFlag.SEEN, SystemFlag.DRAFT), Set.of("$Label1", "Work", "$Junk"));
        assertEquals(f, Codec.flags(Codec.systemBits(f), Codec.keywords(f)));
        assertEquals(Flags.EMPTY, Codec.flags(0, null));
        assertEquals(f, Codec.fromAtoms(Codec.atoms(f)));
        assertEquals(1 | 16, Codec.systemBits(f), "bits are fixed: \\Seen 1, \\Draft 16");
    }

    @Test
    void uidSetsRoundTripIncludingTheLargestUid() {
        for (UidSet s : List.of(UidSet.empty(), UidSet.of(1), UidSet.parse("1:5,7,9:20,4000000000:*"),
                UidSet.range(1, 1_000_000))) {
            assertEquals(s, Codec.uidSet(Codec.uidSet(s)));
        }
        assertEquals(UidSet.empty(), Codec.uidSet((byte[]) null));
    }

    @Test
    void envelopesRoundTripWithNullsAndNonBmpText() {
        Envelope e = new Envelope(Instant.parse("2024-03-01T10:00:00Z"), "Gr\u00fc\u00dfe \ud83d\udcec",
                List.of(new Address(null, "a@example.com"), new Address("B\u00e4r", "")), null,
                List.of(new Address("", "r@example.com")), List.of(), null, null, null, "<id@x>");
        assertEquals(e, Codec.envelope(Codec.envelope(e)));
        assertNull(Codec.envelope(Envelope.EMPTY));
        assertEquals(Envelope.EMPTY, Codec.envelope((byte[]) null));
    }

    @Test
    void damagedEnvelopeBytesAreRefused() {
        byte[] ok = Codec.envelope(new Envelope(null, "subject", null, null, null, null, null, null, null, null));
        assertThrows(Codec.Damaged.class, () -> Codec.envelope(new byte[] { 99 }));
        assertThrows(Codec.Damaged.class, () -> Codec.envelope(Arrays.copyOf(ok, ok.length - 3)));
        assertThrows(Codec.Damaged.class, () -> Codec.uidSet(new byte[] { (byte) 0x80 }));
    }

    @Test
    void sortKeysFoldCaseAndStayShort() {
        Envelope e = new Envelope(null, "RE: " + "x".repeat(500), List.of(new Address("Zo\u00eb", "z@example.com")),
                null, null, null, null, null, null, null);
        assertEquals("zo\u00eb", Codec.sortSender(e));
        assertEquals(Codec.SORT_KEY_LENGTH, Codec.sortSubject(e).length());
        assertEquals("", Codec.sortSender(Envelope.EMPTY));
        assertTrue(Codec.sortDate(null, Envelope.EMPTY) < Codec.sortDate(Instant.parse("1601-01-01T00:00:00Z"),
                Envelope.EMPTY), "undated messages sort before the oldest dated one");
    }
}
