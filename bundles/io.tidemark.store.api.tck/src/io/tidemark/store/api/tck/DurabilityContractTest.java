/* SPDX-License-Identifier: EPL-2.0 */
package io.tidemark.store.api.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.tidemark.model.Flags;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.JournalEntry;
import io.tidemark.store.api.MailStore;
import io.tidemark.store.api.MailboxRecord;
import io.tidemark.store.api.MailboxSyncState;
import io.tidemark.store.api.MessageOrder;
import io.tidemark.store.api.MessageRecord;
import io.tidemark.store.api.UidRemap;

/**
 * What a durable store keeps across close and reopen (invariant I1 starts here). <b>Optional:</b> only for
 * stores that keep their data after being closed; an in-memory store does not extend it.
 *
 * @since 0.1
 */
public abstract class DurabilityContractTest extends StoreContractSupport {

    /**
     * Closes {@code open} as {@link #closeStore(MailStore)} does and opens a new store on the same data (the
     * same file, database or schema), as a restarted application would.
     *
     * @param open the store to close
     * @return the reopened store
     * @throws Exception if closing or opening fails (the test then fails)
     */
    protected abstract MailStore reopenStore(MailStore open) throws Exception;

    private void reopen() throws Exception {
        MailStore reopened = reopenStore(store);
        assertNotNull(reopened, "reopenStore() returned null");
        store = reopened;
    }

    @Test
    void everythingSurvivesAReopen() throws Exception {
        addMailbox(INBOX);
        addMailbox(ARCHIVE);
        addAccount(OTHER_ACCOUNT);
        MailboxSyncState state = MailboxSyncState.initial(UIDVALIDITY).withCounters(12, 3456, 11, 10)
                .completed(Instant.parse("2024-07-07T07:07:07Z"), "QRESYNC");
        JournalEntry entry = write(tx -> {
            tx.putMessages(INBOX, List.of(messages(1, 11)));
            tx.setHidden(INBOX, UidSet.of(11), true);
            tx.putContent(INBOX, 3, content(3));
            tx.putSyncState(INBOX, state);
            return tx.appendJournal(stamped(JournalEntry.delete(INBOX, UIDVALIDITY, UidSet.of(11))));
        });
        List<MessageRecord> page = store.page(INBOX, MessageOrder.DATE_DESC, 0, 100);

        reopen();

        assertEquals(List.of(accountConfig(ACCOUNT), accountConfig(OTHER_ACCOUNT)), store.accounts());
        assertEquals(List.of(mailboxRecord(INBOX), mailboxRecord(ARCHIVE)), store.mailboxes(ACCOUNT));
        assertEquals(Optional.of(state), store.syncState(INBOX));
        assertEquals(Optional.of(MailboxSyncState.initial(UIDVALIDITY)), store.syncState(ARCHIVE));
        assertEquals(UidSet.range(1, 11), store.uids(INBOX));
        for (long uid = 1; uid <= 10; uid++) {
            assertEquals(Optional.of(message(uid)), store.message(INBOX, uid));
        }
        assertEquals(Optional.of(message(11).withHidden(true)), store.message(INBOX, 11));
        assertContentEquals(content(3), store.content(INBOX, 3).orElseThrow());
        assertEquals(page, store.page(INBOX, MessageOrder.DATE_DESC, 0, 100));
        List<JournalEntry> journal = store.journal(ACCOUNT);
        assertEquals(1, journal.size());
        assertEquals(entry.id(), journal.get(0).id());
        assertSameEntry(entry, journal.get(0));
        assertEquals(1, store.findByEmailId(ACCOUNT, emailId(4)).size());
    }

    @Test
    void journalIdsKeepIncreasingAcrossAReopen() throws Exception {
        addAccount(ACCOUNT);
        JournalEntry a = write(tx -> tx.appendJournal(JournalEntry.delete(INBOX, UIDVALIDITY, UidSet.of(1))));
        JournalEntry b = write(tx -> tx.appendJournal(JournalEntry.delete(INBOX, UIDVALIDITY, UidSet.of(2))));
        commit(tx -> tx.removeJournal(b.id()));

        reopen();

        JournalEntry c = write(tx -> tx.appendJournal(JournalEntry.delete(INBOX, UIDVALIDITY, UidSet.of(3))));
        assertTrue(c.id() > b.id(), "id " + c.id() + " after removed " + b.id());
        assertEquals(List.of(a.id(), c.id()), store.journal(ACCOUNT).stream().map(JournalEntry::id).toList());
    }

    @Test
    void aRolledBackTransactionLeavesNothingAfterAReopen() throws Exception {
        addMailbox(INBOX);
        putMessages(INBOX, message(1));
        assertThrows(IllegalStateException.class, () -> commit(tx -> {
            tx.putMessages(INBOX, List.of(message(2)));
            tx.updateFlags(INBOX, 1, Flags.EMPTY, 999);
            tx.appendJournal(JournalEntry.delete(INBOX, UIDVALIDITY, UidSet.of(1)));
            tx.putMailbox(mailboxRecord(ARCHIVE));
            throw new IllegalStateException("roll back");
        }));

        reopen();

        assertEquals(UidSet.of(1), store.uids(INBOX));
        assertEquals(Optional.of(message(1)), store.message(INBOX, 1));
        assertEquals(List.of(), store.journal(ACCOUNT));
        assertEquals(List.of(INBOX), store.mailboxes(ACCOUNT).stream().map(MailboxRecord::ref).toList());
    }

    @Test
    void renamesResetsAndRemovalsSurviveAReopen() throws Exception {
        addMailbox(INBOX);
        addMailbox(ARCHIVE);
        putMessages(INBOX, messages(1, 4));
        putMessages(ARCHIVE, message(1));
        MailboxRef renamed = new MailboxRef(ACCOUNT, MailboxName.of("Renamed"));
        commit(tx -> {
            tx.putContent(INBOX, 2, content(2));
            tx.resetMailbox(INBOX, UIDVALIDITY + 1,
                    new UidRemap(new long[] { 2 }, new long[] { 20 }));
            tx.renameMailbox(ARCHIVE, renamed.name());
        });

        reopen();

        assertEquals(UidSet.of(20), store.uids(INBOX));
        assertContentEquals(content(2), store.content(INBOX, 20).orElseThrow());
        assertEquals(Optional.of(MailboxSyncState.initial(UIDVALIDITY + 1)), store.syncState(INBOX));
        assertEquals(Optional.empty(), store.mailbox(ARCHIVE));
        assertEquals(Optional.of(message(1)), store.message(renamed, 1));
    }
}
