/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.tidemark.imap.api.FetchedMessage;
import io.tidemark.model.SystemFlag;

/** The reading path: Angus reads a response, this bundle decodes it. */
class WireProtocolReadTest {

    private static WireProtocol reading(String wire) throws Exception {
        WireProtocol p = new WireProtocol(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)));
        p.utf8Responses(true);
        return p;
    }

    @Test
    void fetchResponsesAreDecodedOneAtATime() throws Exception {
        WireProtocol p = reading("* 1 FETCH (UID 5 FLAGS (\\Seen \\Recent $Junk) MODSEQ (12) RFC822.SIZE 300)\r\n"
                + "* 2 FETCH (FLAGS () UID 6 EMAILID (Mabc) THREADID (Tdef) X-GM-LABELS (\\Inbox \"a b\"))\r\n");
        FetchedMessage a = FetchDecoder.decode((WireFetchResponse) p.readResponse());
        assertEquals(5, a.uid());
        assertTrue(a.flags().has(SystemFlag.SEEN));
        assertTrue(a.flags().hasKeyword("$Junk"));
        assertEquals(2, a.flags().atoms().size(), "\\Recent is no message flag");
        assertEquals(12, a.modSeq());
        assertEquals(300, a.size());
        FetchedMessage b = FetchDecoder.decode((WireFetchResponse) p.readResponse());
        assertEquals(6, b.uid());
        assertEquals(2, b.seq());
        assertEquals("Mabc", b.emailId());
        assertEquals("Tdef", b.threadId());
        assertTrue(b.flags().isEmpty());
        assertNull(b.envelope(), "raw bytes were not kept");
    }

    @Test
    void rawBytesAreKeptForEnvelopeAndBodystructureWhenAskedFor() throws Exception {
        WireProtocol p = reading("* 3 FETCH (UID 9 ENVELOPE (NIL {5}\r\nH\"i\\) NIL NIL NIL NIL NIL NIL NIL NIL) "
                + "BODYSTRUCTURE ((\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1)(\"TEXT\" \"HTML\" NIL NIL NIL "
                + "\"7BIT\" 2 1) \"ALTERNATIVE\"))\r\n");
        p.captureRaw(true);
        FetchedMessage m = FetchDecoder.decode((WireFetchResponse) p.readResponse());
        assertEquals("H\"i\\)", m.envelope().subject(), "a literal holding quote, backslash and parenthesis");
        assertEquals("((\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1)(\"TEXT\" \"HTML\" NIL NIL NIL \"7BIT\" 2 1) "
                + "\"ALTERNATIVE\")", m.bodyStructure());
    }

    @Test
    void eightBitTextInQuotedStringsIsUtf8() throws Exception {
        byte[] wire = "* 3 FETCH (UID 9 ENVELOPE (NIL \"Gr\u00fc\u00dfe\" NIL NIL NIL NIL NIL NIL NIL NIL))\r\n"
                .getBytes(StandardCharsets.UTF_8);
        WireProtocol p = new WireProtocol(new ByteArrayInputStream(wire));
        p.utf8Responses(true);
        p.captureRaw(true);
        assertEquals("Grüße", FetchDecoder.decode((WireFetchResponse) p.readResponse()).envelope().subject());
    }

    @Test
    void bodySectionsAreCopiedOut() throws Exception {
        WireProtocol p = reading("* 1 FETCH (UID 2 BODY[HEADER] {4}\r\nA: b BODY[] NIL)\r\n");
        FetchedMessage m = FetchDecoder.decode((WireFetchResponse) p.readResponse());
        assertArrayEquals("A: b".getBytes(StandardCharsets.US_ASCII), m.header());
        assertNull(m.body());
    }

    @Test
    void anUnparsableFetchIsReportedWithItsLineAndTheNextResponseStillReads() throws Exception {
        WireProtocol p = reading("* 1 FETCH (UID 2 WHATEVER 3)\r\n* 2 EXISTS\r\n");
        MalformedResponseException e = assertThrows(MalformedResponseException.class, p::readResponse);
        assertTrue(e.line().contains("WHATEVER 3"), e.line());
        WireResponse next = assertInstanceOf(WireResponse.class, p.readResponse());
        assertTrue(next.keyEquals("EXISTS"));
        assertEquals(2, next.getNumber());
    }

    @Test
    void brokenItemsOfEveryKindAreMalformedNotCrashes() throws Exception {
        for (String bad : new String[] { "* 1 FETCH (UID 2 FLAGS (\\Seen)\r\n", "* 1 FETCH UID 2\r\n",
                "* 1 FETCH (MODSEQ 5)\r\n", "* 1 FETCH (EMAILID Mx)\r\n", "* 1 FETCH (INTERNALDATE \"yesterday\")\r\n",
                "* 1 FETCH (BODY[ {3}\r\nabc)\r\n" }) {
            WireProtocol p = reading(bad + "* 9 EXISTS\r\n");
            assertThrows(MalformedResponseException.class, p::readResponse, bad);
            assertTrue(((WireResponse) p.readResponse()).keyEquals("EXISTS"), bad);
        }
    }
}
