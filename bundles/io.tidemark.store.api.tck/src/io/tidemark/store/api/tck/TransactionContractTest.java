/* SPDX-License-Identifier: EPL-2.0 */
package io.tidemark.store.api.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.CoreException;
import org.junit.jupiter.api.Test;

import io.tidemark.model.Flags;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.SystemFlag;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.JournalEntry;
import io.tidemark.store.api.MailboxDelta;
import io.tidemark.store.api.MailboxDelta.Kind;
import io.tidemark.store.api.MailboxRecord;
import io.tidemark.store.api.MailboxSyncState;
import io.tidemark.store.api.MessageRecord;
import io.tidemark.store.api.StoreDelta;
import io.tidemark.store.api.StoreError;
import io.tidemark.store.api.StoreStatus;
import io.tidemark.store.api.StoreTransaction;
import io.tidemark.store.api.UidRemap;

/**
 * Transactions are atomic and isolated, and each committed one is told to listeners as exactly one
 * {@link StoreDelta}, after the commit, with accurate sets.
 * <p>
 * Isolation includes reads through the store from inside a body, on the body's own thread: they see the
 * last committed state, as any other reader does. A call that the store refuses with a {@link StoreStatus}
 * ({@link StoreError#NOT_FOUND}, {@link StoreError#INVALID}) changes nothing and leaves the transaction
 * usable, so a body may catch the refusal and go on (the store decides before it writes).
 * <p>
 * The delta rules checked here (they are the rules of the store SPI):
 * <ul>
 * <li>Within one transaction changes net out: a message inserted and then changed is only {@code added}; one
 * changed and then removed is only {@code removed}; one inserted and then removed appears nowhere.</li>
 * <li>{@code changed} holds UIDs whose flags, MODSEQ, hidden mark, record or content changed.</li>
 * <li>A mailbox created in the transaction is {@link Kind#CREATED} (its messages {@code added}); a removed
 * one is {@link Kind#REMOVED} and lists the UIDs it held in {@code removed}; a renamed one is
 * {@link Kind#RENAMED} under its new name with {@code renamedFrom}; a reset one is {@link Kind#RESET} with
 * {@code removed} = the old epoch's UIDs not kept and {@code added} = every UID it holds after the
 * transaction.</li>
 * <li>{@code syncStateChanged} is true when the transaction wrote the sync state ({@code putSyncState},
 * {@code resetMailbox}).</li>
 * <li>Mailbox deltas come in the order the transaction first changed each mailbox.</li>
 * <li>A transaction that changes nothing posts nothing.</li>
 * </ul>
 *
 * @since 0.1
 */
public abstract class TransactionContractTest extends StoreContractSupport {

    private static final Flags FLAGGED = Flags.of(SystemFlag.FLAGGED);

    private final RecordingListener listener = new RecordingListener();

    /** An INBOX with messages 1-5 and a journal entry, committed, then a listener. */
    private JournalEntry seed() throws CoreException {
        addMailbox(INBOX);
        putMessages(INBOX, messages(1, 5));
        JournalEntry entry = write(
                tx -> tx.appendJournal(stamped(JournalEntry.delete(INBOX, UIDVALIDITY, UidSet.of(5)))));
        store.addListener(listener);
        return entry;
    }

    private void assertSeedUnchanged(JournalEntry entry) throws CoreException {
        assertEquals(List.of(accountConfig(ACCOUNT)), store.accounts());
        assertEquals(List.of(INBOX), store.mailboxes(ACCOUNT).stream().map(MailboxRecord::ref).toList());
        assertEquals(Optional.of(MailboxSyncState.initial(UIDVALIDITY)), store.syncState(INBOX));
        assertEquals(UidSet.range(1, 5), store.uids(INBOX));
        for (long uid = 1; uid <= 5; uid++) {
            assertEquals(Optional.of(message(uid)), store.message(INBOX, uid));
            assertEquals(Optional.empty(), store.content(INBOX, uid));
        }
        List<JournalEntry> journal = store.journal(ACCOUNT);
        assertEquals(1, journal.size());
        assertEquals(entry.id(), journal.get(0).id());
        assertSameEntry(entry, journal.get(0));
        assertEquals(List.of(), listener.deltas(), "no delta for a rolled-back transaction");
    }

    /** Writes something of every kind; the tests make the transaction fail afterwards. */
    private void writeEverything(StoreTransaction tx, JournalEntry entry) throws CoreException {
        tx.putAccount(accountConfig(OTHER_ACCOUNT));
        tx.putMailbox(mailboxRecord(ARCHIVE));
        tx.putSyncState(ARCHIVE, MailboxSyncState.initial(7));
        tx.putMessages(ARCHIVE, List.of(message(9)));
        tx.renameMailbox(ARCHIVE, MailboxName.of("Elsewhere"));
        tx.putSyncState(INBOX, MailboxSyncState.initial(UIDVALIDITY).withCounters(99, 99, 99, 99));
        tx.putMessages(INBOX, List.of(message(6)));
        assertTrue(tx.updateFlags(INBOX, 1, FLAGGED, 1000));
        tx.setHidden(INBOX, UidSet.of(2), true);
        tx.removeMessages(INBOX, UidSet.of(3));
        tx.putContent(INBOX, 4, content(4));
        tx.relink(INBOX, 5, new MailboxRef(ACCOUNT, MailboxName.of("Elsewhere")), 1, null);
        tx.appendJournal(JournalEntry.flags(INBOX, UIDVALIDITY, UidSet.of(1), FLAGGED, null));
        tx.updateJournal(entry.failedAttempt("offline", null));
        tx.removeJournal(entry.id());
    }

    @Test
    void writeReturnsWhatTheBodyReturned() throws Exception {
        assertEquals("done", write(tx -> "done"));
        assertNull(write(tx -> null));
    }

    @Test
    void aCoreExceptionInsideLeavesNothingAndIsRethrown() throws Exception {
        JournalEntry entry = seed();
        CoreException failure = StoreStatus.exception(StoreError.INVALID, ACCOUNT, null, "test failure", null);
        CoreException thrown = assertThrows(CoreException.class, () -> commit(tx -> {
            writeEverything(tx, entry);
            throw failure;
        }));
        assertSame(failure, thrown);
        assertSeedUnchanged(entry);
        assertEquals(Optional.empty(), store.account(OTHER_ACCOUNT));
        assertEquals(Optional.empty(), store.mailbox(ARCHIVE));
        assertEquals(Optional.empty(), store.mailbox(new MailboxRef(ACCOUNT, MailboxName.of("Elsewhere"))));
    }

    @Test
    void aRuntimeExceptionInsideLeavesNothingAndPropagates() throws Exception {
        JournalEntry entry = seed();
        IllegalStateException bug = new IllegalStateException("bug in the body");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> commit(tx -> {
            writeEverything(tx, entry);
            throw bug;
        }));
        assertSame(bug, thrown);
        assertSeedUnchanged(entry);
    }

    @Test
    void aFailedResetLeavesTheOldEpoch() throws Exception {
        JournalEntry entry = seed();
        assertThrows(IllegalStateException.class, () -> commit(tx -> {
            tx.resetMailbox(INBOX, UIDVALIDITY + 1, new UidRemap(new long[] { 1 }, new long[] { 100 }));
            throw new IllegalStateException();
        }));
        assertSeedUnchanged(entry);
    }

    @Test
    void aFailedRemoveAccountLeavesEverything() throws Exception {
        JournalEntry entry = seed();
        assertThrows(IllegalStateException.class, () -> commit(tx -> {
            tx.removeAccount(ACCOUNT);
            throw new IllegalStateException();
        }));
        assertSeedUnchanged(entry);
    }

    @Test
    void aRefusedCallInsideACommittedTransactionChangesNothingItself() throws Exception {
        seed();
        commit(tx -> {
            tx.putMailbox(mailboxRecord(ARCHIVE));
            CoreException e = assertThrows(CoreException.class,
                    () -> tx.putMessages(ARCHIVE, List.of(message(7), message(8))));
            assertEquals(StoreError.INVALID, StoreStatus.errorOf(e), "messages need a sync state first");
            CoreException missing = assertThrows(CoreException.class, () -> tx.relink(INBOX, 42, ARCHIVE, 1, null));
            assertEquals(StoreError.NOT_FOUND, StoreStatus.errorOf(missing));
            tx.putMessages(INBOX, List.of(message(6)));
        });
        assertEquals(Optional.of(mailboxRecord(ARCHIVE)), store.mailbox(ARCHIVE));
        assertEquals(Optional.empty(), store.message(ARCHIVE, 7));
        assertEquals(Optional.empty(), store.message(ARCHIVE, 1));
        assertEquals(UidSet.range(1, 6), store.uids(INBOX));
    }

    @Test
    void otherThreadsSeeOnlyCommittedDataWhileTheTransactionReadsItsOwnWrites() throws Exception {
        JournalEntry entry = seed();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            commit(tx -> {
                tx.putMessages(INBOX, List.of(message(6)));
                tx.updateFlags(INBOX, 1, FLAGGED, 500);
                tx.putSyncState(INBOX, MailboxSyncState.initial(UIDVALIDITY).withCounters(7, 500, 6, 6));
                tx.removeJournal(entry.id());

                assertEquals(Optional.of(message(6)), tx.message(INBOX, 6), "the transaction sees its insert");
                assertEquals(FLAGGED, tx.message(INBOX, 1).orElseThrow().flags());
                assertEquals(7, tx.syncState(INBOX).orElseThrow().uidNext());

                List<Object> seen = await(reader.submit(() -> List.<Object>of(store.uids(INBOX),
                        store.message(INBOX, 1).orElseThrow().flags(), store.syncState(INBOX).orElseThrow(),
                        store.journal(ACCOUNT).size(), store.message(INBOX, 6))));
                assertEquals(List.of(UidSet.range(1, 5), message(1).flags(), MailboxSyncState.initial(UIDVALIDITY),
                        1, Optional.empty()), seen, "another thread sees the last committed state");
                assertEquals(List.of(), listener.deltas(), "no delta before the commit");
            });
        } finally {
            reader.shutdownNow();
        }
        assertEquals(UidSet.range(1, 6), store.uids(INBOX));
        assertEquals(1, listener.deltas().size());
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the reader thread failed", e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("the reader thread did not answer", e);
        }
    }

    @Test
    void theDeltaIsPostedOnceAfterTheCommitWithTheDataVisible() throws Exception {
        seed();
        AtomicReference<Optional<MessageRecord>> seenByListener = new AtomicReference<>();
        store.addListener(delta -> {
            try {
                seenByListener.set(store.message(INBOX, 6));
            } catch (CoreException e) {
                throw new IllegalStateException(e);
            }
        });
        putMessages(INBOX, message(6));
        assertEquals(Optional.of(message(6)), seenByListener.get(), "the listener reads the committed data");
        MailboxDelta d = deltaOf(listener.single(), INBOX);
        assertEquals(UidSet.of(6), d.added());
    }

    @Test
    void aTransactionThatChangesNothingPostsNothing() throws Exception {
        seed();
        write(tx -> tx.message(INBOX, 1));
        commit(tx -> tx.setHidden(INBOX, UidSet.of(77), true));
        assertEquals(UidSet.empty(), write(tx -> tx.removeMessages(INBOX, UidSet.of(77, 78))));
        assertEquals(List.of(), listener.deltas());
    }

    @Test
    void theDeltaListsAddedChangedAndRemovedUids() throws Exception {
        seed();
        commit(tx -> {
            tx.putMessages(INBOX, List.of(message(6), message(7)));
            tx.updateFlags(INBOX, 1, FLAGGED, 700);
            tx.setHidden(INBOX, UidSet.of(2), true);
            tx.putContent(INBOX, 3, content(3));
            assertEquals(UidSet.of(4), tx.removeMessages(INBOX, UidSet.of(4, 99)));
        });
        StoreDelta delta = listener.single();
        assertEquals(Set.of(), delta.accounts());
        assertFalse(delta.journalChanged());
        assertEquals(1, delta.mailboxes().size());
        MailboxDelta d = delta.mailboxes().get(0);
        assertEquals(INBOX, d.mailbox());
        assertEquals(Kind.CHANGED, d.kind());
        assertNull(d.renamedFrom());
        assertEquals(UidSet.of(6, 7), d.added());
        assertEquals(UidSet.of(1, 2, 3), d.changed());
        assertEquals(UidSet.of(4), d.removed());
        assertFalse(d.syncStateChanged());
    }

    @Test
    void theDeltaSaysWhenTheSyncStateWasWritten() throws Exception {
        seed();
        commit(tx -> tx.putSyncState(INBOX, MailboxSyncState.initial(UIDVALIDITY).withCounters(6, 1, 5, 5)));
        MailboxDelta d = deltaOf(listener.single(), INBOX);
        assertEquals(Kind.CHANGED, d.kind());
        assertTrue(d.syncStateChanged());
        assertTrue(d.added().isEmpty() && d.changed().isEmpty() && d.removed().isEmpty());
    }

    @Test
    void changesWithinOneTransactionNetOut() throws Exception {
        seed();
        commit(tx -> {
            tx.putMessages(INBOX, List.of(message(6), message(7)));
            tx.updateFlags(INBOX, 6, FLAGGED, 800);
            tx.putContent(INBOX, 6, content(6));
            tx.updateFlags(INBOX, 1, FLAGGED, 800);
            tx.removeMessages(INBOX, UidSet.of(1, 7));
        });
        MailboxDelta d = deltaOf(listener.single(), INBOX);
        assertEquals(UidSet.of(6), d.added());
        assertEquals(UidSet.empty(), d.changed());
        assertEquals(UidSet.of(1), d.removed());
    }

    @Test
    void aMailboxCreatedInTheTransactionIsCreated() throws Exception {
        seed();
        commit(tx -> {
            tx.putMailbox(mailboxRecord(ARCHIVE));
            tx.putSyncState(ARCHIVE, MailboxSyncState.initial(3));
            tx.putMessages(ARCHIVE, List.of(message(1), message(2)));
        });
        MailboxDelta d = deltaOf(listener.single(), ARCHIVE);
        assertEquals(Kind.CREATED, d.kind());
        assertEquals(UidSet.of(1, 2), d.added());
        assertTrue(d.syncStateChanged());
    }

    @Test
    void aRenameIsTheNewNameWithTheOldOne() throws Exception {
        seed();
        MailboxName newName = MailboxName.of("Renamed");
        commit(tx -> {
            tx.renameMailbox(INBOX, newName);
            tx.updateFlags(new MailboxRef(ACCOUNT, newName), 2, FLAGGED, 900);
        });
        StoreDelta delta = listener.single();
        assertEquals(1, delta.mailboxes().size());
        MailboxDelta d = delta.mailboxes().get(0);
        assertEquals(new MailboxRef(ACCOUNT, newName), d.mailbox());
        assertEquals(Kind.RENAMED, d.kind());
        assertEquals(MailboxName.INBOX, d.renamedFrom());
        assertEquals(UidSet.of(2), d.changed());
        assertTrue(delta.journalChanged(), "the journal entry followed the mailbox");
    }

    @Test
    void aRemovedMailboxListsTheUidsItHeld() throws Exception {
        seed();
        commit(tx -> tx.removeMailbox(INBOX));
        MailboxDelta d = deltaOf(listener.single(), INBOX);
        assertEquals(Kind.REMOVED, d.kind());
        assertEquals(UidSet.range(1, 5), d.removed());
    }

    @Test
    void aResetListsTheDroppedOldUidsAndTheNewOnes() throws Exception {
        seed();
        commit(tx -> tx.resetMailbox(INBOX, UIDVALIDITY + 1,
                new UidRemap(new long[] { 2, 4 }, new long[] { 20, 40 })));
        MailboxDelta d = deltaOf(listener.single(), INBOX);
        assertEquals(Kind.RESET, d.kind());
        assertEquals(UidSet.of(1, 3, 5), d.removed());
        assertEquals(UidSet.of(20, 40), d.added());
        assertTrue(d.syncStateChanged());
    }

    @Test
    void aRelinkRemovesFromOneMailboxAndAddsToTheOther() throws Exception {
        seed();
        addMailbox(ARCHIVE);
        listener.clear();
        commit(tx -> tx.relink(INBOX, 3, ARCHIVE, 30, null));
        StoreDelta delta = listener.single();
        assertEquals(List.of(INBOX, ARCHIVE), delta.mailboxes().stream().map(MailboxDelta::mailbox).toList());
        assertEquals(UidSet.of(3), deltaOf(delta, INBOX).removed());
        assertEquals(UidSet.of(30), deltaOf(delta, ARCHIVE).added());
    }

    @Test
    void mailboxDeltasComeInTheOrderOfFirstChange() throws Exception {
        seed();
        MailboxRef sent = new MailboxRef(ACCOUNT, MailboxName.of("Sent"));
        commit(tx -> {
            tx.putMailbox(mailboxRecord(sent));
            tx.putMailbox(mailboxRecord(ARCHIVE));
            tx.updateFlags(INBOX, 1, FLAGGED, 1);
            tx.putMailbox(new MailboxRecord(sent, '.', Set.of(), false, false));
        });
        assertEquals(List.of(sent, ARCHIVE, INBOX),
                listener.single().mailboxes().stream().map(MailboxDelta::mailbox).toList());
    }

    @Test
    void theDeltaNamesChangedAccountsAndTheJournal() throws Exception {
        JournalEntry entry = seed();
        commit(tx -> tx.putAccount(accountConfig(OTHER_ACCOUNT)));
        commit(tx -> tx.updateJournal(entry.failedAttempt("busy", null)));
        commit(tx -> tx.removeAccount(ACCOUNT));
        List<StoreDelta> deltas = listener.deltas();
        assertEquals(3, deltas.size());
        assertEquals(Set.of(OTHER_ACCOUNT), deltas.get(0).accounts());
        assertFalse(deltas.get(0).journalChanged());
        assertEquals(List.of(), deltas.get(0).mailboxes());
        assertTrue(deltas.get(1).journalChanged());
        assertEquals(Set.of(), deltas.get(1).accounts());
        StoreDelta removal = deltas.get(2);
        assertEquals(Set.of(ACCOUNT), removal.accounts());
        assertTrue(removal.journalChanged(), "the account's journal went with it");
        MailboxDelta d = deltaOf(removal, INBOX);
        assertEquals(Kind.REMOVED, d.kind());
        assertEquals(UidSet.range(1, 5), d.removed());
    }

    @Test
    void aRemovedListenerHearsNothingMore() throws Exception {
        seed();
        store.removeListener(listener);
        putMessages(INBOX, message(6));
        assertEquals(List.of(), listener.deltas());
    }

    @Test
    void aThrowingListenerNeitherUndoesTheCommitNorSilencesOthers() throws Exception {
        seed();
        store.removeListener(listener);
        store.addListener(delta -> {
            // without a stack trace, so that the store's log of it stays one line
            throw new RuntimeException("listener failure expected by the TCK", null, false, false) {
                private static final long serialVersionUID = 1L;
            };
        });
        store.addListener(listener);
        putMessages(INBOX, message(6));
        assertEquals(Optional.of(message(6)), store.message(INBOX, 6));
        assertEquals(UidSet.of(6), deltaOf(listener.single(), INBOX).added());
    }

    @Test
    void consecutiveTransactionsPostOneDeltaEachInOrder() throws Exception {
        seed();
        for (long uid = 6; uid <= 10; uid++) {
            putMessages(INBOX, message(uid));
        }
        List<UidSet> added = new ArrayList<>();
        for (StoreDelta d : listener.deltas()) {
            added.add(deltaOf(d, INBOX).added());
        }
        assertEquals(List.of(UidSet.of(6), UidSet.of(7), UidSet.of(8), UidSet.of(9), UidSet.of(10)), added);
    }

    @Test
    void theTransactionCannotBeUsedAfterTheBody() throws Exception {
        seed();
        AtomicReference<StoreTransaction> kept = new AtomicReference<>();
        commit(kept::set);
        assertThrows(Exception.class, () -> kept.get().putMessages(INBOX, List.of(message(6))));
        assertEquals(UidSet.range(1, 5), store.uids(INBOX));
    }

    @Test
    void aClosedStoreRefusesCalls() throws Exception {
        seed();
        closeStore(store);
        assertStoreError(StoreError.CLOSED, () -> store.accounts());
        assertStoreError(StoreError.CLOSED, () -> store.uids(INBOX));
        assertStoreError(StoreError.CLOSED, () -> store.syncState(INBOX));
        assertStoreError(StoreError.CLOSED, () -> commit(tx -> tx.putAccount(accountConfig(OTHER_ACCOUNT))));
        assertStoreError(StoreError.CLOSED, () -> store.tryLease(ACCOUNT, "w", Duration.ofMinutes(1)));
    }
}
