/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.tidemark.model.MailboxName;
import io.tidemark.model.UidSet;

class CommandTest {

    @Test
    void shortSevenBitStringsAreQuotedWithEscapes() {
        Command c = Command.builder("LOGIN").string("al ice").string("p\"a\\ss").build();
        assertEquals("LOGIN \"al ice\" \"p\\\"a\\\\ss\"", c.shown());
    }

    @Test
    void eightBitAndLineBreaksGoAsUtf8Literals() {
        Command c = Command.builder("LOGIN").string("alice").string("pässwörd").build();
        assertEquals(2, c.parts().size());
        Command.Literal l = assertInstanceOf(Command.Literal.class, c.parts().get(1));
        assertArrayEquals("pässwörd".getBytes(StandardCharsets.UTF_8), l.data());
        assertEquals("LOGIN \"alice\" {10}", c.shown());
        assertInstanceOf(Command.Literal.class, Command.builder("X").string("a\r\nb").build().parts().get(1));
    }

    @Test
    void mailboxesAreModifiedUtf7AndNamedForErrors() {
        Command c = Command.builder("SELECT").mailbox(MailboxName.of("Entwürfe")).mayBeMissing().build();
        assertEquals("SELECT \"Entw&APw-rfe\"", c.shown());
        assertEquals(MailboxName.of("Entwürfe"), c.mailbox());
        Command copy = Command.builder("UID COPY").set(UidSet.of(1)).mailbox(MailboxName.of("A"), false).build();
        assertEquals(MailboxName.of("A"), copy.mailbox(), "the only mailbox named");
    }

    @Test
    void setsAreWrittenWithExplicitBounds() {
        assertEquals("UID FETCH 1:4294967295", Command.builder("UID FETCH").set(UidSet.parse("1:*")).build().shown());
    }
}
