/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.testing.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.tidemark.model.SystemFlag;
import io.tidemark.model.UidSet;
import io.tidemark.testing.DovecotServer;
import io.tidemark.testing.MailboxSnapshot;
import io.tidemark.testing.MessageFactory;
import io.tidemark.testing.OtherClient;

class DovecotServerTest {

    @Test
    void startedServerAcceptsTheGeneratedPasswordAndStopEndsTheMaster() {
        long pid;
        java.nio.file.Path dir;
        try (DovecotServer dovecot = DovecotServer.start(); OtherClient other = dovecot.otherClient()) {
            pid = dovecot.pid();
            dir = dovecot.directory();
            assertTrue(dovecot.isRunning());
            long uid = other.append("INBOX", new MessageFactory(1).next().bytes(), "\\Seen");
            MailboxSnapshot snap = other.snapshot("INBOX");
            assertEquals(UidSet.of(uid), snap.uids());
            assertTrue(snap.flagsOf(uid).has(SystemFlag.SEEN));
            System.out.println("Dovecot started in " + dovecot.startupTime().toMillis() + " ms");
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertFalse(java.nio.file.Files.exists(dir));
    }
}
