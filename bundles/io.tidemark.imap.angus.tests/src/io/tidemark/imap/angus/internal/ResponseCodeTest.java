/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.tidemark.imap.api.AppendUid;
import io.tidemark.imap.api.CopyUid;
import io.tidemark.model.UidSet;

class ResponseCodeTest {

    private static ResponseCode code(String line) {
        return ResponseCode.of(WireResponse.of(line));
    }

    @Test
    void numbersOfSelect() {
        assertEquals(3857529045L, code("* OK [UIDVALIDITY 3857529045] UIDs valid").number());
        assertEquals(715194045007L, code("* OK [HIGHESTMODSEQ 715194045007] Highest").number());
        assertEquals("UIDNEXT", code("* OK [UIDNEXT 4392] Predicted next UID").name());
    }

    @Test
    void permanentFlagsIncludingTheWildcard() {
        assertEquals(List.of("\\Deleted", "\\Seen", "$Junk", "\\*"),
                code("* OK [PERMANENTFLAGS (\\Deleted \\Seen $Junk \\*)] Limited").list());
    }

    @Test
    void modifiedSetOfAConditionalStore() {
        assertEquals(UidSet.parse("7,9,12:14"), code("t3 OK [MODIFIED 7,9,12:14] Conditional STORE failed").set());
    }

    @Test
    void copyUidPairsSourceAndTarget() {
        CopyUid c = code("t4 OK [COPYUID 38505 304,319:320 3956:3958] Done").copyUid();
        assertEquals(38505, c.targetUidValidity());
        assertEquals(3957, c.targetOf(319));
        assertEquals(3958, c.targetOf(320));
    }

    @Test
    void copyUidWrittenOutOfOrderIsPairedAsWritten() {
        // RFC 4315: the n-th source UID as written maps to the n-th target UID
        CopyUid c = code("t4 OK [COPYUID 1 5,1:2 12,10:11] Done").copyUid();
        assertEquals(12, c.targetOf(5), "5 was written first, with 12");
        assertEquals(10, c.targetOf(1));
        assertEquals(11, c.targetOf(2));
    }

    @Test
    void aCrossedCopyUidThatNoAscendingMappingExpressesGivesNull() {
        // pairs 1->12, 2->11, 5->10: the targets fall as the sources rise
        assertNull(code("t4 OK [COPYUID 1 1:2,5 12,11,10] Done").copyUid());
    }

    @Test
    void appendUid() {
        assertEquals(new AppendUid(38505, 3955), code("t5 OK [APPENDUID 38505 3955] APPEND completed").appendUid());
    }

    @Test
    void noCodeAndMalformedCodes() {
        assertNull(code("t6 OK done"));
        assertThrows(ResponseFormatException.class, () -> code("t6 OK [COPYUID 1 2"));
        assertThrows(ResponseFormatException.class, () -> code("t6 OK [COPYUID 1 1:3 5:6] sizes differ").copyUid());
        assertThrows(ResponseFormatException.class, () -> code("t6 OK [UIDNEXT x] no").number());
        assertThrows(ResponseFormatException.class, () -> code("t6 OK [MODIFIED 1:*] open").set());
    }

    @Test
    void textAfterAQuotedBracketIsNotTheEndOfTheCode() {
        assertEquals("BADCHARSET", code("t7 NO [BADCHARSET (\"a]b\" UTF-8)] charset").name());
        assertEquals("(\"a]b\" UTF-8)", code("t7 NO [BADCHARSET (\"a]b\" UTF-8)] charset").args());
    }
}
