/* SPDX-License-Identifier: EPL-2.0 */
package io.tidemark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailboxNameTest {

    @ParameterizedTest
    @ValueSource(strings = { "INBOX", "inbox", "Inbox", "iNbOx" })
    void inboxIsCaseInsensitiveAndNormalized(String spelling) {
        MailboxName name = MailboxName.of(spelling);
        assertEquals(MailboxName.INBOX, name);
        assertEquals("INBOX", name.value());
        assertTrue(name.isInbox());
    }

    @Test
    void otherNamesKeepTheirCase() {
        assertEquals("Archive", MailboxName.of("Archive").value());
        assertNotEquals(MailboxName.of("archive"), MailboxName.of("Archive"));
        assertFalse(MailboxName.of("INBOX.Sent").isInbox());
        assertEquals("Inbox/Sub", MailboxName.of("Inbox/Sub").value(), "only INBOX itself is normalized");
    }

    @Test
    void refusesEmptyNamesAndLineBreaks() {
        assertThrows(IllegalArgumentException.class, () -> MailboxName.of(""));
        assertThrows(IllegalArgumentException.class, () -> MailboxName.of(null));
        assertThrows(IllegalArgumentException.class, () -> MailboxName.of("a\r\nb"));
        assertThrows(IllegalArgumentException.class, () -> MailboxName.of("a\nb"));
        assertThrows(IllegalArgumentException.class, () -> MailboxName.of("a\0b"));
    }

    @Test
    void ordersInboxFirstThenByNameIgnoringCase() {
        List<MailboxName> names = new ArrayList<>(List.of(MailboxName.of("b"), MailboxName.of("Archive"),
                MailboxName.of("inbox"), MailboxName.of("a"), MailboxName.of("Zeta"), MailboxName.of("A")));
        Collections.sort(names);
        assertEquals(List.of("INBOX", "A", "a", "Archive", "b", "Zeta"),
                names.stream().map(MailboxName::value).toList());
    }

    @Test
    void leafIsTheLastSegment() {
        assertEquals("2024", MailboxName.of("Archive/2024").leaf('/'));
        assertEquals("Archive/2024", MailboxName.of("Archive/2024").leaf('.'));
        assertEquals("Archive/2024", MailboxName.of("Archive/2024").leaf((char) 0));
        assertEquals("Sent", MailboxName.of("INBOX.Sent").leaf('.'));
    }

    @Test
    void mailboxRefsOrderByAccountThenName() {
        List<MailboxRef> refs = new ArrayList<>(List.of(MailboxRef.of("b", "INBOX"), MailboxRef.of("a", "Z"),
                MailboxRef.of("a", "inbox")));
        Collections.sort(refs);
        assertEquals(List.of(MailboxRef.of("a", "INBOX"), MailboxRef.of("a", "Z"), MailboxRef.of("b", "INBOX")),
                refs);
        assertEquals("a:INBOX", MailboxRef.of("a", "Inbox").toString());
    }
}
