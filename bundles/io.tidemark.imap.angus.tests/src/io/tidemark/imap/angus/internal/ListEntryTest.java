/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxStatus;

class ListEntryTest {

    private static ListEntry list(String line) {
        return ListEntry.parse(WireResponse.of(line).lexer());
    }

    @Test
    void attributesDelimiterAndName() {
        ListEntry e = list("* LIST (\\HasNoChildren \\Sent \\Subscribed) \"/\" \"Sent Items\"");
        assertEquals(MailboxName.of("Sent Items"), e.name());
        assertEquals('/', e.delimiter());
        assertEquals(Set.of("\\HasNoChildren", "\\Sent", "\\Subscribed"), e.attributes());
        assertTrue(e.subscribed());
    }

    @Test
    void modifiedUtf7NamesAreDecodedAndInboxIsNormalized() {
        assertEquals(MailboxName.of("Entwürfe/Übersicht"),
                list("* LIST () \".\" \"Entw&APw-rfe/&ANw-bersicht\"").name());
        assertEquals(MailboxName.INBOX, list("* LIST () \".\" inbox").name());
    }

    @Test
    void escapedDelimiterNilDelimiterAtomWithBracketsAndExtendedData() {
        assertEquals('\\', list("* LIST () \"\\\\\" Foo").delimiter());
        assertEquals(0, list("* LIST (\\Noselect) NIL Foo").delimiter());
        assertEquals(MailboxName.of("[Gmail]/All Mail"), list("* LIST (\\All) \"/\" \"[Gmail]/All Mail\"").name());
        assertEquals(MailboxName.of("[Gmail]"), list("* LIST (\\Noselect) \"/\" [Gmail]").name());
        ListEntry ext = list("* LIST (\\NonExistent) \"/\" Foo (\"CHILDINFO\" (\"SUBSCRIBED\"))");
        assertEquals(MailboxName.of("Foo"), ext.name());
        assertFalse(ext.subscribed());
    }

    @Test
    void theEmptyNameOfADelimiterQueryIsNoMailbox() {
        assertNull(list("* LIST (\\Noselect) \"/\" \"\""));
    }

    @Test
    void malformedListIsRefused() {
        assertThrows(ResponseFormatException.class, () -> list("* LIST \\Noselect \"/\" Foo"));
        assertThrows(ResponseFormatException.class, () -> list("* LIST () \"//\" Foo"));
        assertThrows(ResponseFormatException.class, () -> list("* LIST () \"/\""));
    }

    @Test
    void statusCountersAndUnknownItems() {
        StatusEntry s = StatusEntry.parse(WireResponse.of(
                "* STATUS \"Tr&AOQ-sh\" (MESSAGES 231 UIDNEXT 44292 SIZE 12345 UIDVALIDITY 7 UNSEEN 3 HIGHESTMODSEQ 99)")
                .lexer());
        assertEquals(MailboxName.of("Träsh"), s.name());
        assertEquals(new MailboxStatus(231, 44292, 7, 99, 3), s.status());
        StatusEntry partial = StatusEntry.parse(WireResponse.of("* STATUS INBOX (MESSAGES 2)").lexer());
        assertEquals(new MailboxStatus(2, -1, -1, 0, -1), partial.status());
        assertThrows(ResponseFormatException.class,
                () -> StatusEntry.parse(WireResponse.of("* STATUS INBOX (MESSAGES 2").lexer()));
    }
}
