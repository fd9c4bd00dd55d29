/* SPDX-License-Identifier: EPL-2.0 */
package io.tidemark.store.api.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.junit.jupiter.api.Test;

import io.tidemark.model.Flags;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.SystemFlag;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.JournalEntry;
import io.tidemark.store.api.JournalOperation;
import io.tidemark.store.api.StoreError;

/**
 * The journal of local changes (invariant I2): entries keep the order the user acted in, keep every field,
 * and leave only through {@code removeJournal}; ids only ever grow.
 *
 * @since 0.1
 */
public abstract class JournalContractTest extends StoreContractSupport {

    private static final Flags SEEN = Flags.of(SystemFlag.SEEN);

    private JournalEntry append(JournalEntry e) throws Exception {
        return write(tx -> tx.appendJournal(stamped(e)));
    }

    private List<Long> ids() throws CoreException {
        return store.journal(ACCOUNT).stream().map(JournalEntry::id).toList();
    }

    private static List<JournalEntry> everyKind() {
        byte[] rfc5322 = "From: a@example.com\r\nSubject: draft \u00e9\r\n\r\nbody\r\n"
                .getBytes(StandardCharsets.UTF_8);
        Instant created = Instant.parse("2024-02-02T02:02:02Z");
        return List.of(
                new JournalEntry(0, INBOX, UIDVALIDITY, JournalOperation.FLAGS, UidSet.parse("1:3,7,4294967295"),
                        Flags.parse("(\\Seen $Label1)"), Flags.parse("(\\Flagged Work)"), null, null, null, null,
                        created, 0, null, null, null),
                JournalEntry.delete(INBOX, UIDVALIDITY, UidSet.of(9)),
                JournalEntry.move(INBOX, UIDVALIDITY, UidSet.range(10, 20), MailboxName.of("Archive/2024")),
                JournalEntry.append(ARCHIVE, rfc5322, Flags.parse("(\\Draft \\Seen)"),
                        Instant.parse("2024-01-01T00:00:00Z")),
                JournalEntry.append(ARCHIVE, new byte[] { 1 }, null, null),
                JournalEntry.mailboxOperation(new MailboxRef(ACCOUNT, MailboxName.of("New")),
                        JournalOperation.CREATE_MAILBOX, null),
                JournalEntry.mailboxOperation(ARCHIVE, JournalOperation.RENAME_MAILBOX, MailboxName.of("Old")),
                JournalEntry.mailboxOperation(ARCHIVE, JournalOperation.DELETE_MAILBOX, null),
                JournalEntry.mailboxOperation(ARCHIVE, JournalOperation.SUBSCRIBE, null),
                JournalEntry.mailboxOperation(ARCHIVE, JournalOperation.UNSUBSCRIBE, null),
                new JournalEntry(0, INBOX, UIDVALIDITY, JournalOperation.DELETE, UidSet.of(5), null, null, null,
                        null, null, null, created, 4, Instant.parse("2024-02-03T00:00:00Z"),
                        JournalEntry.State.NEEDS_USER, "UID 5 vanished (\u00fcber)"));
    }

    @Test
    void everyKindOfEntryRoundTripsInEveryField() throws Exception {
        addAccount(ACCOUNT);
        List<JournalEntry> kinds = everyKind().stream().map(StoreContractSupport::stamped).toList();
        List<JournalEntry> written = new ArrayList<>();
        for (JournalEntry e : kinds) {
            written.add(append(e));
        }
        List<JournalEntry> read = store.journal(ACCOUNT);
        assertEquals(written.size(), read.size());
        for (int i = 0; i < read.size(); i++) {
            assertEquals(written.get(i).id(), read.get(i).id());
            assertSameEntry(kinds.get(i), read.get(i));
        }
    }

    @Test
    void appendAssignsIncreasingIdsAndTheJournalKeepsTheirOrder() throws Exception {
        addAccount(ACCOUNT);
        long previous = 0;
        List<Long> assigned = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            JournalEntry e = append(JournalEntry.flags(INBOX, UIDVALIDITY, UidSet.of(i + 1), SEEN, null));
            assertTrue(e.id() > previous, "id " + e.id() + " after " + previous);
            previous = e.id();
            assigned.add(e.id());
        }
        assertEquals(assigned, ids());
        assertEquals(UidSet.of(1), store.journal(ACCOUNT).get(0).uids(), "the first action comes first");
    }

    @Test
    void severalEntriesInOneTransactionKeepTheirOrder() throws Exception {
        addAccount(ACCOUNT);
        List<JournalEntry> written = write(tx -> {
            List<JournalEntry> out = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                out.add(tx.appendJournal(JournalEntry.delete(INBOX, UIDVALIDITY, UidSet.of(i))));
            }
            return out;
        });
        assertEquals(written.stream().map(JournalEntry::id).toList(), ids());
        for (int i = 0; i < 5; i++) {
            assertEquals(UidSet.of(i + 1), store.journal(ACCOUNT).get(i).uids());
        }
    }

    @Test
    void entriesLeaveOnlyThroughRemoveJournal() throws Exception {
        addMailbox(INBOX);
        putMessages(INBOX, messages(1, 3));
        JournalEntry a = append(JournalEntry.flags(INBOX, UIDVALIDITY, UidSet.of(1), SEEN, null));
        JournalEntry b = append(JournalEntry.delete(INBOX, UIDVALIDITY, UidSet.of(2)));
        JournalEntry c = append(JournalEntry.move(INBOX, UIDVALIDITY, UidSet.of(3), MailboxName.of("Archive")));
        commit(tx -> {
            tx.removeMessages(INBOX, UidSet.of(2, 3));
            tx.putSyncState(INBOX, store.syncState(INBOX).orElseThrow().withCounters(4, 9, 3, 1));
            tx.updateFlags(INBOX, 1, SEEN, 10);
        });
        assertEquals(List.of(a.id(), b.id(), c.id()), ids(), "writing the replica does not acknowledge entries");
        commit(tx -> tx.removeJournal(b.id()));
        assertEquals(List.of(a.id(), c.id()), ids());
    }

    @Test
    void idsKeepIncreasingAfterRemovals() throws Exception {
        addAccount(ACCOUNT);
        JournalEntry a = append(JournalEntry.delete(INBOX, UIDVALIDITY, UidSet.of(1)));
        JournalEntry b = append(JournalEntry.delete(INBOX, UIDVALIDITY, UidSet.of(2)));
        commit(tx -> {
            tx.removeJournal(b.id());
            tx.removeJournal(a.id());
        });
        assertEquals(List.of(), store.journal(ACCOUNT));
        JournalEntry c = append(JournalEntry.delete(INBOX, UIDVALIDITY, UidSet.of(3)));
        assertTrue(c.id() > b.id(), "id " + c.id() + " reuses or precedes removed id " + b.id());
    }

    @Test
    void idsAreUniqueAcrossAccounts() throws Exception {
        addAccount(ACCOUNT);
        addAccount(OTHER_ACCOUNT);
        MailboxRef otherInbox = new MailboxRef(OTHER_ACCOUNT, MailboxName.INBOX);
        JournalEntry a = append(JournalEntry.delete(INBOX, UIDVALIDITY, UidSet.of(1)));
        JournalEntry b = append(JournalEntry.delete(otherInbox, UIDVALIDITY, UidSet.of(1)));
        JournalEntry c = append(JournalEntry.delete(INBOX, UIDVALIDITY, UidSet.of(2)));
        assertTrue(a.id() < b.id() && b.id() < c.id());
        assertEquals(List.of(a.id(), c.id()), ids());
        assertEquals(List.of(b.id()), store.journal(OTHER_ACCOUNT).stream().map(JournalEntry::id).toList());
    }

    @Test
    void updateReplacesAnEntryInPlace() throws Exception {
        addAccount(ACCOUNT);
        JournalEntry a = append(JournalEntry.flags(INBOX, UIDVALIDITY, UidSet.of(1, 2), SEEN, null));
        JournalEntry b = append(JournalEntry.delete(INBOX, UIDVALIDITY, UidSet.of(3)));
        JournalEntry remapped = a.remapped(UIDVALIDITY + 1, UidSet.of(11, 12))
                .failedAttempt("NO [SERVERBUG]", Instant.parse("2024-04-04T04:04:04Z"))
                .withState(JournalEntry.State.NEEDS_USER, "needs a decision");
        commit(tx -> tx.updateJournal(remapped));
        List<JournalEntry> read = store.journal(ACCOUNT);
        assertEquals(List.of(a.id(), b.id()), read.stream().map(JournalEntry::id).toList(), "order and ids kept");
        assertSameEntry(remapped, read.get(0));
        assertEquals(1, read.get(0).attempts());
    }

    @Test
    void aRolledBackAppendLeavesNoEntry() throws Exception {
        addAccount(ACCOUNT);
        JournalEntry a = append(JournalEntry.delete(INBOX, UIDVALIDITY, UidSet.of(1)));
        assertThrows(IllegalStateException.class, () -> commit(tx -> {
            tx.appendJournal(JournalEntry.delete(INBOX, UIDVALIDITY, UidSet.of(2)));
            tx.removeJournal(a.id());
            throw new IllegalStateException("roll back");
        }));
        assertEquals(List.of(a.id()), ids());
        JournalEntry b = append(JournalEntry.delete(INBOX, UIDVALIDITY, UidSet.of(3)));
        assertTrue(b.id() > a.id());
        assertEquals(List.of(a.id(), b.id()), ids());
    }

    @Test
    void entriesSurviveTheRemovalOfTheirMailboxAndFollowARename() throws Exception {
        addMailbox(INBOX);
        addMailbox(ARCHIVE);
        JournalEntry inInbox = append(JournalEntry.delete(INBOX, UIDVALIDITY, UidSet.of(1)));
        JournalEntry inArchive = append(JournalEntry.delete(ARCHIVE, UIDVALIDITY, UidSet.of(1)));
        commit(tx -> tx.removeMailbox(INBOX));
        commit(tx -> tx.renameMailbox(ARCHIVE, MailboxName.of("Archived")));
        List<JournalEntry> read = store.journal(ACCOUNT);
        assertEquals(List.of(inInbox.id(), inArchive.id()), read.stream().map(JournalEntry::id).toList());
        assertEquals(INBOX, read.get(0).mailbox());
        assertEquals(new MailboxRef(ACCOUNT, MailboxName.of("Archived")), read.get(1).mailbox());
    }

    @Test
    void entriesMayNameMailboxesTheStoreDoesNotHold() throws Exception {
        addAccount(ACCOUNT);
        MailboxRef toCreate = new MailboxRef(ACCOUNT, MailboxName.of("Projects/New"));
        JournalEntry e = append(JournalEntry.mailboxOperation(toCreate, JournalOperation.CREATE_MAILBOX, null));
        assertEquals(toCreate, store.journal(ACCOUNT).get(0).mailbox());
        assertTrue(e.id() > 0);
    }

    @Test
    void unknownEntriesAndAccountsFailWithNotFound() throws Exception {
        addAccount(ACCOUNT);
        JournalEntry a = append(JournalEntry.delete(INBOX, UIDVALIDITY, UidSet.of(1)));
        assertStoreError(StoreError.NOT_FOUND, () -> commit(tx -> tx.removeJournal(a.id() + 1000)));
        assertStoreError(StoreError.NOT_FOUND,
                () -> commit(tx -> tx.updateJournal(a.withId(a.id() + 1000).failedAttempt("x", null))));
        MailboxRef unknown = new MailboxRef(OTHER_ACCOUNT, MailboxName.INBOX);
        assertStoreError(StoreError.NOT_FOUND,
                () -> append(JournalEntry.delete(unknown, UIDVALIDITY, UidSet.of(1))));
        assertStoreError(StoreError.NOT_FOUND, () -> store.journal(OTHER_ACCOUNT));
        assertEquals(List.of(a.id()), ids());
    }

    @Test
    void anEntryRemovedTwiceFailsTheSecondTime() throws Exception {
        addAccount(ACCOUNT);
        JournalEntry a = append(JournalEntry.delete(INBOX, UIDVALIDITY, UidSet.of(1)));
        commit(tx -> tx.removeJournal(a.id()));
        assertStoreError(StoreError.NOT_FOUND, () -> commit(tx -> tx.removeJournal(a.id())));
    }

    @Test
    void readsInsideATransactionBodySeeTheCommittedJournal() throws Exception {
        addAccount(ACCOUNT);
        JournalEntry a = append(JournalEntry.delete(INBOX, UIDVALIDITY, UidSet.of(1)));
        commit(tx -> {
            tx.removeJournal(a.id());
            tx.appendJournal(JournalEntry.delete(INBOX, UIDVALIDITY, UidSet.of(2)));
            assertEquals(List.of(a.id()), ids(), "other readers see the committed journal meanwhile");
        });
        assertEquals(1, store.journal(ACCOUNT).size());
        assertEquals(UidSet.of(2), store.journal(ACCOUNT).get(0).uids());
    }
}
