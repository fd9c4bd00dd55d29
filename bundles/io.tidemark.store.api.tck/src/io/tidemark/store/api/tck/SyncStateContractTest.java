/* SPDX-License-Identifier: EPL-2.0 */
package io.tidemark.store.api.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.JournalEntry;
import io.tidemark.store.api.MailboxSyncState;
import io.tidemark.store.api.MessageLocation;
import io.tidemark.store.api.StoreError;
import io.tidemark.store.api.UidRemap;

/**
 * The typed sync state (the cursor of incremental sync) and the UIDVALIDITY reset that replaces a
 * mailbox's epoch in one transaction.
 *
 * @since 0.1
 */
public abstract class SyncStateContractTest extends StoreContractSupport {

    @Test
    void aMailboxWithoutSyncStateReadsEmpty() throws Exception {
        addAccount(ACCOUNT);
        commit(tx -> tx.putMailbox(mailboxRecord(INBOX)));
        assertEquals(Optional.empty(), store.syncState(INBOX));
        assertEquals(Optional.empty(), write(tx -> tx.syncState(INBOX)));
        assertEquals(UidSet.empty(), store.uids(INBOX));
    }

    @Test
    void syncStateRoundTripsInEveryField() throws Exception {
        addAccount(ACCOUNT);
        commit(tx -> tx.putMailbox(mailboxRecord(INBOX)));
        MailboxSyncState full = new MailboxSyncState(UidSet.MAX_UID, UidSet.MAX_UID, Long.MAX_VALUE, 4_000_000_000L,
                1_000_000, Instant.parse("2024-05-06T07:08:09Z"), "QRESYNC", Instant.parse("2024-05-01T00:00:01Z"));
        commit(tx -> tx.putSyncState(INBOX, full));
        assertEquals(Optional.of(full), store.syncState(INBOX));

        MailboxSyncState sparse = new MailboxSyncState(1, 0, 0, 0, 0, null, null, null);
        commit(tx -> tx.putSyncState(INBOX, sparse));
        assertEquals(Optional.of(sparse), store.syncState(INBOX));
    }

    @Test
    void syncStateCommitsWithTheMessagesItCovers() throws Exception {
        addMailbox(INBOX);
        MailboxSyncState after = MailboxSyncState.initial(UIDVALIDITY).withCounters(4, 12, 3, 3)
                .completed(Instant.parse("2024-06-01T12:00:00Z"), "CONDSTORE");
        commit(tx -> {
            tx.putMessages(INBOX, List.of(messages(1, 3)));
            tx.putSyncState(INBOX, after);
        });
        assertEquals(Optional.of(after), store.syncState(INBOX));
        assertEquals(UidSet.range(1, 3), store.uids(INBOX));
    }

    @Test
    void theUidValidityCannotChangeUnderHeldMessages() throws Exception {
        addMailbox(INBOX);
        putMessages(INBOX, message(1));
        assertStoreError(StoreError.INVALID,
                () -> commit(tx -> tx.putSyncState(INBOX, MailboxSyncState.initial(UIDVALIDITY + 1))));
        assertEquals(UIDVALIDITY, store.syncState(INBOX).orElseThrow().uidValidity());
    }

    @Test
    void anEmptyMailboxMayTakeAnotherUidValidity() throws Exception {
        addMailbox(INBOX);
        commit(tx -> tx.putSyncState(INBOX, MailboxSyncState.initial(UIDVALIDITY + 5)));
        assertEquals(UIDVALIDITY + 5, store.syncState(INBOX).orElseThrow().uidValidity());
    }

    @Test
    void syncStatesOfMailboxesAreIndependent() throws Exception {
        addMailbox(INBOX, 11);
        addMailbox(ARCHIVE, 22);
        commit(tx -> tx.putSyncState(ARCHIVE, MailboxSyncState.initial(22).withCounters(9, 9, 9, 9)));
        assertEquals(Optional.of(MailboxSyncState.initial(11)), store.syncState(INBOX));
        assertEquals(9, store.syncState(ARCHIVE).orElseThrow().uidNext());
    }

    @Test
    void aResetKeepsRemappedMessagesWithContentDropsTheRestAndStartsFresh() throws Exception {
        addMailbox(INBOX);
        putMessages(INBOX, messages(1, 5));
        JournalEntry entry = write(tx -> {
            tx.putContent(INBOX, 2, content(2));
            tx.putContent(INBOX, 3, content(3));
            tx.setHidden(INBOX, UidSet.of(4), true);
            tx.putSyncState(INBOX, MailboxSyncState.initial(UIDVALIDITY).withCounters(6, 77, 5, 5));
            return tx.appendJournal(JournalEntry.delete(INBOX, UIDVALIDITY, UidSet.of(4)));
        });
        long newValidity = UIDVALIDITY + 1000;

        commit(tx -> tx.resetMailbox(INBOX, newValidity,
                new UidRemap(new long[] { 4, 2, 99 }, new long[] { 41, 21, 991 })));

        assertEquals(Optional.of(MailboxSyncState.initial(newValidity)), store.syncState(INBOX));
        assertEquals(UidSet.of(21, 41), store.uids(INBOX));
        assertEquals(Optional.of(message(2).withUid(21)), store.message(INBOX, 21));
        assertEquals(Optional.of(message(4).withUid(41).withHidden(true)), store.message(INBOX, 41),
                "a kept message keeps its fields, hidden mark included");
        assertContentEquals(content(2), store.content(INBOX, 21).orElseThrow());
        assertEquals(Optional.empty(), store.content(INBOX, 41));
        for (long old = 1; old <= 5; old++) {
            assertEquals(Optional.empty(), store.message(INBOX, old));
        }
        assertEquals(Optional.empty(), store.content(INBOX, 3), "dropped content is gone");
        assertEquals(Optional.empty(), store.message(INBOX, 991), "an unknown old UID is ignored");
        List<MessageLocation> found = store.findByMessageId(ACCOUNT, messageId(2));
        assertEquals(List.of(new MessageLocation(INBOX, message(2).withUid(21))), found);
        assertEquals(List.of(), store.findByMessageId(ACCOUNT, messageId(3)));
        List<JournalEntry> journal = store.journal(ACCOUNT);
        assertEquals(1, journal.size());
        assertEquals(UIDVALIDITY, journal.get(0).uidValidity(), "journal entries are the caller's to remap");
        assertEquals(entry.id(), journal.get(0).id());
    }

    @Test
    void aResetWithNothingKeptEmptiesTheMailbox() throws Exception {
        addMailbox(INBOX);
        putMessages(INBOX, messages(1, 3));
        commit(tx -> tx.resetMailbox(INBOX, 5, UidRemap.NONE));
        assertEquals(UidSet.empty(), store.uids(INBOX));
        assertEquals(Optional.of(MailboxSyncState.initial(5)), store.syncState(INBOX));
        assertTrue(store.mailbox(INBOX).isPresent(), "the mailbox itself stays");
    }

    @Test
    void aResetAndTheNewEpochsFirstWindowCommitTogether() throws Exception {
        addMailbox(INBOX);
        putMessages(INBOX, messages(1, 3));
        MailboxSyncState synced = MailboxSyncState.initial(9).withCounters(4, 0, 3, 2);
        commit(tx -> {
            tx.resetMailbox(INBOX, 9, new UidRemap(new long[] { 1 }, new long[] { 1 }));
            tx.putMessages(INBOX, List.of(message(3)));
            tx.putSyncState(INBOX, synced);
        });
        assertEquals(UidSet.of(1, 3), store.uids(INBOX));
        assertEquals(Optional.of(synced), store.syncState(INBOX));
    }

    @Test
    void resettingAnUnknownMailboxFailsWithNotFound() throws Exception {
        addAccount(ACCOUNT);
        MailboxRef missing = new MailboxRef(ACCOUNT, MailboxName.of("Missing"));
        assertStoreError(StoreError.NOT_FOUND, () -> commit(tx -> tx.resetMailbox(missing, 2, UidRemap.NONE)));
    }
}
