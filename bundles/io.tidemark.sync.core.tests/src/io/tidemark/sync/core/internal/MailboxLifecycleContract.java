/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.junit.jupiter.api.Test;

import io.tidemark.model.Flags;
import io.tidemark.model.MailboxName;
import io.tidemark.model.SystemFlag;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.JournalEntry;
import io.tidemark.sync.api.SyncError;
import io.tidemark.sync.api.SyncReport;
import io.tidemark.sync.api.SyncResult;
import io.tidemark.sync.api.SyncStatus;

/**
 * Mailbox-level changes (rename, delete, UIDVALIDITY reset), from the server and from the user, on the three
 * Dovecot profiles. Not on GreenMail 2.1.8: it drops the connection of a client that deletes (or renames) a
 * mailbox that an earlier, logged-out session had selected (a folder listener it never removes meets a closed
 * handler: NullPointerException in ImapHandler.forceConnectionClose), which is also how its fixture resets a
 * UIDVALIDITY; and its UIDVALIDITY is the creation second, shared by mailboxes created in the same second.
 */
abstract class MailboxLifecycleContract extends EngineTestBase {

    LocalChangesService local() {
        return new LocalChangesService(store);
    }

    @Test
    void uidValidityResetKeepsKnownMessagesAndReportsOneStatus() throws CoreException {
        append("INBOX", 6);
        sync();
        server.resetUidValidity("INBOX");
        append("INBOX", 2);
        SyncResult r = sync();
        SyncReport inbox = report(r, "INBOX");
        assertTrue(inbox.uidValidityReset());
        assertEquals(6, inbox.moved(), "messages of the old epoch are re-identified, not downloaded");
        assertEquals(SyncError.UIDVALIDITY_RESET, ((SyncStatus) inbox.status()).error());
        assertConverged("INBOX");
        for (long uid : store.uids(ref("INBOX")).toArray()) {
            assertNotNull(store.content(ref("INBOX"), uid).orElseThrow().header(), "content kept or fetched");
        }
    }

    @Test
    void foldersCreatedRenamedAndDeletedOnTheServerAreFollowed() throws CoreException {
        other.create("Projects");
        other.create("Old");
        append("Projects", 3);
        append("Old", 1);
        sync();
        other.rename("Projects", "Work");
        other.delete("Old");
        other.create("New");
        SyncResult r = sync();
        assertTrue(store.mailbox(ref("Projects")).isEmpty());
        assertTrue(store.mailbox(ref("Old")).isEmpty());
        assertTrue(store.mailbox(ref("New")).isPresent());
        assertEquals(3, store.uids(ref("Work")).size(), "a renamed folder keeps its messages");
        assertEquals(0, report(r, "Work").added(), "a renamed folder is not downloaded again");
        assertConverged("INBOX", "Work", "New");
    }

    @Test
    void foldersCreatedRenamedAndDeletedLocallyReachTheServer() throws CoreException {
        sync();
        local().createMailbox(ref("Projects"));
        local().createMailbox(ref("Scratch"));
        sync();
        assertTrue(other.list().contains("Projects"));
        local().renameMailbox(ref("Projects"), MailboxName.of("Work"));
        local().deleteMailbox(ref("Scratch"));
        sync();
        List<String> names = other.list();
        assertTrue(names.contains("Work") && !names.contains("Projects") && !names.contains("Scratch"), names.toString());
        assertTrue(store.mailbox(ref("Work")).isPresent());
        assertTrue(store.mailbox(ref("Scratch")).isEmpty());
    }

    @Test
    void aChangeThatCannotBeRemappedAfterAUidValidityResetWaitsForTheUser() throws CoreException {
        List<Long> uids = append("INBOX", 3);
        sync();
        local().setFlags(ref("INBOX"), UidSet.of(uids.get(0), uids.get(1)), Flags.SEEN, Flags.EMPTY);
        other.expunge("INBOX", List.of(uids.get(1))); // gone: cannot be re-identified
        server.resetUidValidity("INBOX");
        sync();
        List<JournalEntry> left = local().pending(account.id());
        assertEquals(1, left.size(), left.toString());
        assertEquals(JournalEntry.State.NEEDS_USER, left.get(0).state());
        assertEquals(UidSet.of(uids.get(1)), left.get(0).uids());
        long kept = store.uids(ref("INBOX")).first();
        assertTrue(other.snapshot("INBOX").flagsOf(kept).has(SystemFlag.SEEN), "the remappable part was applied");
        local().discard(left.get(0).id());
        assertTrue(local().pending(account.id()).isEmpty());
    }

}
