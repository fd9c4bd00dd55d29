/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;

import io.tidemark.model.Flags;
import io.tidemark.model.MailboxName;
import io.tidemark.model.SystemFlag;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.JournalEntry;
import io.tidemark.store.api.StoreError;
import io.tidemark.store.api.StoreStatus;
import io.tidemark.sync.api.SyncError;
import io.tidemark.sync.api.SyncRequest;
import io.tidemark.sync.api.SyncStatus;
import io.tidemark.testing.CapabilityProfile;
import io.tidemark.testing.MailboxSnapshot;

/**
 * Replay in awkward moments: a cancellation mid-replay, a mailbox that disappeared or was renamed under
 * pending changes, a change in backoff with later changes behind it, and stale UIDs.
 */
class ReplayEdgeCasesTest extends EngineTestBase {

    @Override
    TestServer startServer() {
        return TestServer.dovecot(CapabilityProfile.FULL);
    }

    LocalChangesService local() {
        return new LocalChangesService(store);
    }

    @Test
    void cancelingDuringReplayKeepsEveryChangeQueued() throws CoreException {
        List<Long> uids = append("INBOX", 2);
        sync();
        local().setFlags(ref("INBOX"), UidSet.of(uids.get(0)), Flags.SEEN, Flags.EMPTY);
        local().append(ref("INBOX"), messages.next().bytes(), Flags.EMPTY, null);
        NullProgressMonitor monitor = new NullProgressMonitor();
        engine.setHooks(step -> {
            if (step.equals("replay:before")) {
                monitor.setCanceled(true);
            }
        });
        CoreException e = assertThrows(CoreException.class,
                () -> engine.sync(SyncRequest.of(account, server.credentials()), monitor));
        assertEquals(SyncError.CANCEL, ((SyncStatus) e.getStatus()).error());
        assertEquals(2, local().pending(account.id()).size(), "a canceled replay drops nothing");
        engine.setHooks(null);
        sync();
        MailboxSnapshot s = other.snapshot("INBOX");
        assertTrue(s.flagsOf(uids.get(0)).has(SystemFlag.SEEN));
        assertEquals(3, s.exists(), "the append reached the server once");
        assertConverged("INBOX");
    }

    @Test
    void aMailboxDeletedElsewhereDoesNotSwallowTheNextChangeOfAnother() throws CoreException {
        other.create("Gone");
        List<Long> inbox = append("INBOX", 2);
        List<Long> gone = append("Gone", 1);
        sync();
        local().setFlags(ref("INBOX"), UidSet.of(inbox.get(0)), Flags.SEEN, Flags.EMPTY);
        local().setFlags(ref("Gone"), UidSet.of(gone.get(0)), Flags.SEEN, Flags.EMPTY);
        local().setFlags(ref("INBOX"), UidSet.of(inbox.get(1)), Flags.of(SystemFlag.FLAGGED), Flags.EMPTY);
        other.delete("Gone");
        sync();
        MailboxSnapshot s = other.snapshot("INBOX");
        assertTrue(s.flagsOf(inbox.get(0)).has(SystemFlag.SEEN));
        assertTrue(s.flagsOf(inbox.get(1)).has(SystemFlag.FLAGGED));
        assertTrue(local().pending(account.id()).isEmpty());
        assertConverged("INBOX");
    }

    @Test
    void changesPendingOnAMailboxRenamedElsewhereFollowTheRename() throws CoreException {
        other.create("Work");
        List<Long> uids = append("Work", 2);
        sync();
        local().setFlags(ref("Work"), UidSet.of(uids.get(1)), Flags.of(SystemFlag.FLAGGED), Flags.EMPTY);
        other.rename("Work", "Jobs");
        sync();
        assertTrue(other.snapshot("Jobs").flagsOf(uids.get(1)).has(SystemFlag.FLAGGED));
        assertTrue(local().pending(account.id()).isEmpty());
        assertConverged("INBOX", "Jobs");
    }

    @Test
    void aChangeInBackoffHoldsBackTheLaterChangesOfItsMailbox() throws CoreException {
        List<Long> uids = append("INBOX", 1);
        sync();
        local().setFlags(ref("INBOX"), UidSet.of(uids.get(0)), Flags.SEEN, Flags.EMPTY);
        local().setFlags(ref("INBOX"), UidSet.of(uids.get(0)), Flags.EMPTY, Flags.SEEN);
        JournalEntry first = local().pending(account.id()).get(0);
        store.write(tx -> {
            tx.updateJournal(first.failedAttempt("throttled", Instant.now().plusSeconds(3600)));
            return null;
        });
        sync();
        assertEquals(2, local().pending(account.id()).size(), "the later change must not overtake the first");
        assertFalse(other.snapshot("INBOX").flagsOf(uids.get(0)).has(SystemFlag.SEEN));
        local().retry(first.id());
        sync();
        assertFalse(other.snapshot("INBOX").flagsOf(uids.get(0)).has(SystemFlag.SEEN), "read, then unread");
        assertTrue(local().pending(account.id()).isEmpty());
    }

    @Test
    void uidsReadUnderAnOldUidValidityAreRefused() throws CoreException {
        List<Long> uids = append("INBOX", 2);
        sync();
        long old = store.syncState(ref("INBOX")).orElseThrow().uidValidity();
        server.resetUidValidity("INBOX");
        sync();
        CoreException e = assertThrows(CoreException.class,
                () -> local().delete(ref("INBOX"), old, UidSet.of(uids.get(0))));
        assertEquals(StoreError.INVALID, StoreStatus.errorOf(e));
        assertEquals(2, other.snapshot("INBOX").exists());
    }

    @Test
    void aStaleChangeWaitsForTheUserAndCannotBeRetried() throws CoreException {
        List<Long> uids = append("INBOX", 2);
        sync();
        local().setFlags(ref("INBOX"), UidSet.of(uids.get(0)), Flags.SEEN, Flags.EMPTY);
        other.expunge("INBOX", List.of(uids.get(0)));
        server.resetUidValidity("INBOX");
        sync();
        List<JournalEntry> left = local().pending(account.id());
        assertEquals(1, left.size());
        assertEquals(JournalEntry.State.NEEDS_USER, left.get(0).state());
        CoreException e = assertThrows(CoreException.class, () -> local().retry(left.get(0).id()));
        assertEquals(StoreError.INVALID, StoreStatus.errorOf(e));
        sync();
        assertEquals(JournalEntry.State.NEEDS_USER, local().pending(account.id()).get(0).state());
        assertConverged("INBOX");
        assertEquals(MailboxName.INBOX, left.get(0).mailbox().name());
    }
}
