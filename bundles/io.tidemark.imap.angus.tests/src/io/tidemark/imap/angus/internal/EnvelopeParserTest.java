/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.tidemark.model.Address;
import io.tidemark.model.Envelope;

class EnvelopeParserTest {

    @Test
    void theRfc3501ExampleEnvelope() {
        Envelope e = EnvelopeParser.parse(Lexer.of("(\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" "
                + "\"IMAP4rev1 WG mtg summary and minutes\" ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) "
                + "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((\"Terry Gray\" NIL \"gray\" "
                + "\"cac.washington.edu\")) ((NIL NIL \"imap\" \"cac.washington.edu\")) ((NIL NIL \"minutes\" "
                + "\"CNRI.Reston.VA.US\")(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL "
                + "\"<B27397-0100000@cac.washington.edu>\")"));
        assertEquals(Instant.parse("1996-07-17T09:23:25Z"), e.date());
        assertEquals("IMAP4rev1 WG mtg summary and minutes", e.subject());
        assertEquals(List.of(new Address("Terry Gray", "gray@cac.washington.edu")), e.from());
        assertEquals(List.of(new Address(null, "imap@cac.washington.edu")), e.to());
        assertEquals(2, e.cc().size());
        assertEquals("KLENSIN@MIT.EDU", e.cc().get(1).email());
        assertTrue(e.bcc().isEmpty());
        assertEquals("<B27397-0100000@cac.washington.edu>", e.messageId());
    }

    @Test
    void nilEverywhereAndAnUnreadableDate() {
        Envelope e = EnvelopeParser.parse(Lexer.of("(\"yesterday-ish\" NIL NIL NIL NIL NIL NIL NIL NIL NIL)"));
        assertNull(e.date());
        assertNull(e.subject());
        assertNull(e.messageId());
        assertTrue(e.from().isEmpty());
    }

    @Test
    void encodedDisplayNamesAndLocalOnlyAddresses() {
        Envelope e = EnvelopeParser.parse(Lexer.of("(NIL NIL ((\"=?ISO-8859-1?Q?Andr=E9?=\" NIL \"andre\" "
                + "\"example.com\")(NIL NIL \"postmaster\" \"\")) NIL NIL NIL NIL NIL \"<x@y>\" \"<a@b>\")"));
        assertEquals(List.of(new Address("André", "andre@example.com"), new Address(null, "postmaster")), e.from());
        assertEquals("<x@y>", e.inReplyTo());
    }

    @Test
    void truncatedEnvelopesAreRefused() {
        assertThrows(ResponseFormatException.class, () -> EnvelopeParser.parse(Lexer.of("(NIL NIL ((NIL NIL \"a\"")));
        assertThrows(ResponseFormatException.class, () -> EnvelopeParser.parse(Lexer.of("NIL")));
    }
}
