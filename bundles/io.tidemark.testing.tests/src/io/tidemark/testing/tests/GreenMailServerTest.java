/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.testing.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.Security;
import io.tidemark.model.SystemFlag;
import io.tidemark.testing.GreenMailServer;
import io.tidemark.testing.MailboxSnapshot;
import io.tidemark.testing.MessageFactory;
import io.tidemark.testing.OtherClient;

/** Proves what the GreenMail fixture advertises, refuses and can change. */
class GreenMailServerTest {

    @Test
    void capabilityListHasUidplusMoveAndIdleButNoCondstoreQresyncOrEnable() {
        try (GreenMailServer greenMail = GreenMailServer.start(); OtherClient other = greenMail.otherClient()) {
            for (String cap : List.of("IMAP4REV1", "UIDPLUS", "MOVE", "IDLE", "LITERAL+")) {
                assertTrue(other.hasCapability(cap), cap + " missing: " + other.capabilities());
            }
            for (String cap : List.of("CONDSTORE", "QRESYNC", "ENABLE", "ESEARCH", "SPECIAL-USE", "LIST-STATUS")) {
                assertFalse(other.hasCapability(cap), cap + " advertised: " + other.capabilities());
            }
            System.out.println("GreenMail CAPABILITY after login: " + other.capabilities());
        }
    }

    @Test
    void enableAndSelectCondstoreAreRefused() {
        try (GreenMailServer greenMail = GreenMailServer.start(); OtherClient other = greenMail.otherClient()) {
            OtherClient.Response enable = other.execute("ENABLE QRESYNC");
            assertFalse(enable.isOk(), enable.all());
            OtherClient.Response select = other.execute("SELECT INBOX (CONDSTORE)");
            assertFalse(select.isOk() && select.all().contains("HIGHESTMODSEQ"), select.all());
        }
    }

    @Test
    void resetUidValidityGivesANewValueAndKeepsTheMessagesUnderNewUids() {
        try (GreenMailServer greenMail = GreenMailServer.start(); OtherClient other = greenMail.otherClient()) {
            other.append("INBOX", MessageFactory.simple("one", "1"), "\\Seen");
            other.append("INBOX", MessageFactory.simple("two", "2"), "\\Flagged");
            long u3 = other.append("INBOX", MessageFactory.simple("three", "3"));
            other.expunge("INBOX", List.of(u3));
            MailboxSnapshot before = other.snapshot("INBOX");
            assertEquals(before.uidValidity(), greenMail.uidValidity("INBOX"));
            long fresh = greenMail.resetUidValidity("INBOX");
            try (OtherClient check = greenMail.otherClient()) {
                MailboxSnapshot after = check.snapshot("INBOX");
                assertNotEquals(before.uidValidity(), after.uidValidity());
                assertEquals(fresh, after.uidValidity());
                assertEquals(2, after.exists());
                assertEquals(1, after.uids().first(), "UIDs start again at 1");
                assertTrue(after.flagsOf(1).has(SystemFlag.SEEN), after.flags().toString());
                assertTrue(after.flagsOf(2).has(SystemFlag.FLAGGED), after.flags().toString());
            }
        }
    }

    @Test
    void accountPointsAtTheServerAndStopClosesThePort() {
        int port;
        try (GreenMailServer greenMail = GreenMailServer.start()) {
            AccountConfig account = greenMail.account("gm");
            assertEquals(greenMail.port(), account.port());
            assertEquals("127.0.0.1", account.host());
            assertEquals(Security.NONE, account.security());
            assertEquals(greenMail.user(), account.user());
            port = greenMail.port();
        }
        assertThrows(UncheckedIOException.class, () -> OtherClient.open("127.0.0.1", port).close());
    }

    @Test
    void passwordIsChecked() throws IOException {
        try (GreenMailServer greenMail = GreenMailServer.start()) {
            assertThrows(RuntimeException.class,
                    () -> OtherClient.connect(greenMail.host(), greenMail.port(), greenMail.user(), "wrong"));
        }
    }
}
