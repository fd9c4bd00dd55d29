/* SPDX-License-Identifier: EPL-2.0 */
package io.tidemark.store.api.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.AuthMechanism;
import io.tidemark.model.Flags;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.SystemFlag;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.JournalEntry;
import io.tidemark.store.api.MailboxRecord;
import io.tidemark.store.api.MailboxSyncState;
import io.tidemark.store.api.StoreError;

/**
 * Accounts and mailboxes: round trips, ordering, rename, removal, and {@link StoreError#NOT_FOUND} for what
 * does not exist.
 * <p>
 * Reads that answer with an {@link Optional} ({@code account}, {@code mailbox}, {@code syncState},
 * {@code message}, {@code content}) answer empty for an unknown account or mailbox; reads that answer with
 * a list, set or count ({@code mailboxes}, {@code uids}, {@code page}, {@code counts}, {@code scan},
 * {@code findBy*}, {@code journal}) throw {@link StoreError#NOT_FOUND}.
 *
 * @since 0.1
 */
public abstract class AccountsAndMailboxesContractTest extends StoreContractSupport {

    private static final Flags FLAGGED = Flags.of(SystemFlag.FLAGGED);

    @Test
    void aNewStoreIsEmpty() throws Exception {
        assertEquals(List.of(), store.accounts());
        assertEquals(Optional.empty(), store.account(ACCOUNT));
    }

    @Test
    void accountConfigurationRoundTripsInEveryField() throws Exception {
        AccountConfig config = accountConfig(ACCOUNT);
        addAccount(ACCOUNT);
        assertEquals(Optional.of(config), store.account(ACCOUNT));
        assertEquals(List.of(config), store.accounts());
    }

    @Test
    void accountsAreListedById() throws Exception {
        addAccount(OTHER_ACCOUNT);
        addAccount(ACCOUNT);
        assertEquals(List.of(accountConfig(ACCOUNT), accountConfig(OTHER_ACCOUNT)), store.accounts());
    }

    @Test
    void putAccountReplacesTheConfiguration() throws Exception {
        addAccount(ACCOUNT);
        addMailbox(INBOX);
        AccountConfig changed = accountConfig(ACCOUNT).toBuilder().host("other.example.com")
                .auth(AuthMechanism.XOAUTH2).maxConnections(1).build();
        commit(tx -> tx.putAccount(changed));
        assertEquals(Optional.of(changed), store.account(ACCOUNT));
        assertEquals(1, store.accounts().size());
        assertTrue(store.mailbox(INBOX).isPresent(), "replacing the configuration keeps the mailboxes");
    }

    @Test
    void mailboxRecordRoundTripsInEveryField() throws Exception {
        addAccount(ACCOUNT);
        MailboxRecord plain = new MailboxRecord(ARCHIVE, '.', Set.of("\\Noselect", "\\HasChildren"), false, false);
        MailboxRecord flat = new MailboxRecord(INBOX, (char) 0, Set.of(), true, true);
        commit(tx -> {
            tx.putMailbox(plain);
            tx.putMailbox(flat);
        });
        assertEquals(Optional.of(plain), store.mailbox(ARCHIVE));
        assertEquals(Optional.of(flat), store.mailbox(INBOX));
    }

    @Test
    void putMailboxReplacesTheRecordAndKeepsMessages() throws Exception {
        addMailbox(INBOX);
        putMessages(INBOX, message(1));
        MailboxRecord changed = new MailboxRecord(INBOX, '.', Set.of("\\Marked"), false, true);
        commit(tx -> tx.putMailbox(changed));
        assertEquals(Optional.of(changed), store.mailbox(INBOX));
        assertEquals(Optional.of(message(1)), store.message(INBOX, 1));
        assertEquals(UIDVALIDITY, store.syncState(INBOX).orElseThrow().uidValidity());
    }

    @Test
    void mailboxesAreListedInboxFirstThenByName() throws Exception {
        addAccount(ACCOUNT);
        List<String> names = List.of("Sent", "archive", "INBOX", "Archive/2024", "Drafts", "Zeta");
        commit(tx -> {
            for (String n : names) {
                tx.putMailbox(mailboxRecord(new MailboxRef(ACCOUNT, MailboxName.of(n))));
            }
        });
        List<String> listed = store.mailboxes(ACCOUNT).stream().map(m -> m.ref().name().value()).toList();
        assertEquals(List.of("INBOX", "archive", "Archive/2024", "Drafts", "Sent", "Zeta"), listed);
    }

    @Test
    void mailboxesOfAnAccountStayApartFromAnother() throws Exception {
        addMailbox(INBOX);
        MailboxRef otherInbox = new MailboxRef(OTHER_ACCOUNT, MailboxName.INBOX);
        addMailbox(otherInbox);
        putMessages(INBOX, message(1), message(2));
        putMessages(otherInbox, message(7));
        assertEquals(List.of(INBOX), store.mailboxes(ACCOUNT).stream().map(MailboxRecord::ref).toList());
        assertEquals(UidSet.of(1, 2), store.uids(INBOX));
        assertEquals(UidSet.of(7), store.uids(otherInbox));
    }

    @Test
    void unknownAccountsAndMailboxesReadAsEmptyOrNotFound() throws Exception {
        assertEquals(Optional.empty(), store.mailbox(INBOX));
        assertEquals(Optional.empty(), store.syncState(INBOX));
        assertEquals(Optional.empty(), store.message(INBOX, 1));
        assertEquals(Optional.empty(), store.content(INBOX, 1));
        assertStoreError(StoreError.NOT_FOUND, () -> store.mailboxes(ACCOUNT));
        assertStoreError(StoreError.NOT_FOUND, () -> store.journal(ACCOUNT));
        addAccount(ACCOUNT);
        assertEquals(List.of(), store.mailboxes(ACCOUNT));
        assertEquals(List.of(), store.journal(ACCOUNT));
        assertStoreError(StoreError.NOT_FOUND, () -> store.uids(INBOX));
        assertStoreError(StoreError.NOT_FOUND, () -> store.counts(INBOX));
    }

    @Test
    void writesToUnknownAccountsAndMailboxesFailWithNotFound() throws Exception {
        assertStoreError(StoreError.NOT_FOUND, () -> commit(tx -> tx.putMailbox(mailboxRecord(INBOX))));
        assertStoreError(StoreError.NOT_FOUND, () -> commit(tx -> tx.removeAccount(ACCOUNT)));
        addAccount(ACCOUNT);
        assertStoreError(StoreError.NOT_FOUND,
                () -> commit(tx -> tx.putSyncState(INBOX, MailboxSyncState.initial(UIDVALIDITY))));
        assertStoreError(StoreError.NOT_FOUND, () -> commit(tx -> tx.putMessages(INBOX, List.of(message(1)))));
        assertStoreError(StoreError.NOT_FOUND, () -> commit(tx -> tx.removeMailbox(INBOX)));
        assertStoreError(StoreError.NOT_FOUND, () -> commit(tx -> tx.renameMailbox(INBOX, MailboxName.of("X"))));
        assertStoreError(StoreError.NOT_FOUND, () -> commit(tx -> tx.setHidden(INBOX, UidSet.of(1), true)));
        assertStoreError(StoreError.NOT_FOUND, () -> commit(tx -> tx.removeMessages(INBOX, UidSet.of(1))));
    }

    @Test
    void notFoundMessagesNameTheAccountAndMailbox() throws Exception {
        addAccount(ACCOUNT);
        String message = assertStoreError(StoreError.NOT_FOUND, () -> store.uids(ARCHIVE)).getStatus()
                .getMessage();
        assertTrue(message.contains("tck") && message.contains("Archive"), message);
    }

    @Test
    void renameKeepsMessagesContentSyncStateAndJournal() throws Exception {
        addMailbox(ARCHIVE);
        putMessages(ARCHIVE, message(1), message(2));
        MailboxSyncState state = MailboxSyncState.initial(UIDVALIDITY).withCounters(3, 55, 2, 2);
        JournalEntry entry = write(tx -> {
            tx.putSyncState(ARCHIVE, state);
            tx.putContent(ARCHIVE, 2, content(2));
            return tx.appendJournal(JournalEntry.flags(ARCHIVE, UIDVALIDITY, UidSet.of(1), FLAGGED, null));
        });
        MailboxName renamed = MailboxName.of("Old/Archive");
        MailboxRef to = new MailboxRef(ACCOUNT, renamed);
        commit(tx -> tx.renameMailbox(ARCHIVE, renamed));

        assertEquals(Optional.empty(), store.mailbox(ARCHIVE));
        assertEquals(Optional.of(mailboxRecord(ARCHIVE).withRef(to)), store.mailbox(to));
        assertEquals(Optional.of(state), store.syncState(to));
        assertEquals(UidSet.of(1, 2), store.uids(to));
        assertEquals(Optional.of(message(1)), store.message(to, 1));
        assertContentEquals(content(2), store.content(to, 2).orElseThrow());
        List<JournalEntry> journal = store.journal(ACCOUNT);
        assertEquals(1, journal.size());
        assertEquals(entry.id(), journal.get(0).id());
        assertEquals(to, journal.get(0).mailbox(), "journal entries follow the mailbox");
        assertEquals(List.of(to), store.mailboxes(ACCOUNT).stream().map(MailboxRecord::ref).toList());
    }

    @Test
    void renameOntoAnExistingMailboxIsRefused() throws Exception {
        addMailbox(INBOX);
        addMailbox(ARCHIVE);
        putMessages(ARCHIVE, message(1));
        assertStoreError(StoreError.INVALID, () -> commit(tx -> tx.renameMailbox(ARCHIVE, MailboxName.INBOX)));
        assertEquals(UidSet.of(1), store.uids(ARCHIVE));
        assertEquals(UidSet.empty(), store.uids(INBOX));
    }

    @Test
    void removeMailboxRemovesMessagesContentAndSyncStateButKeepsTheJournal() throws Exception {
        addMailbox(INBOX);
        addMailbox(ARCHIVE);
        putMessages(ARCHIVE, message(1));
        commit(tx -> {
            tx.putContent(ARCHIVE, 1, content(1));
            tx.appendJournal(JournalEntry.delete(ARCHIVE, UIDVALIDITY, UidSet.of(1)));
        });
        commit(tx -> tx.removeMailbox(ARCHIVE));
        assertEquals(Optional.empty(), store.mailbox(ARCHIVE));
        assertEquals(Optional.empty(), store.syncState(ARCHIVE));
        assertEquals(Optional.empty(), store.message(ARCHIVE, 1));
        assertEquals(Optional.empty(), store.content(ARCHIVE, 1));
        assertEquals(List.of(), store.findByMessageId(ACCOUNT, messageId(1)));
        assertEquals(1, store.journal(ACCOUNT).size(), "journal entries stay");
        assertEquals(List.of(INBOX), store.mailboxes(ACCOUNT).stream().map(MailboxRecord::ref).toList());
    }

    @Test
    void aRemovedMailboxCanBeCreatedAgainEmpty() throws Exception {
        addMailbox(ARCHIVE);
        putMessages(ARCHIVE, message(1));
        commit(tx -> tx.removeMailbox(ARCHIVE));
        addMailbox(ARCHIVE, UIDVALIDITY + 1);
        assertEquals(UidSet.empty(), store.uids(ARCHIVE));
        assertEquals(UIDVALIDITY + 1, store.syncState(ARCHIVE).orElseThrow().uidValidity());
    }

    @Test
    void removeAccountRemovesEverythingOfItAndNothingElse() throws Exception {
        addMailbox(INBOX);
        addMailbox(ARCHIVE);
        MailboxRef otherInbox = new MailboxRef(OTHER_ACCOUNT, MailboxName.INBOX);
        addMailbox(otherInbox);
        putMessages(INBOX, message(1));
        putMessages(ARCHIVE, message(2));
        putMessages(otherInbox, message(1));
        commit(tx -> {
            tx.putContent(INBOX, 1, content(1));
            tx.putContent(otherInbox, 1, content(1));
            tx.appendJournal(JournalEntry.delete(INBOX, UIDVALIDITY, UidSet.of(1)));
            tx.appendJournal(JournalEntry.delete(otherInbox, UIDVALIDITY, UidSet.of(1)));
        });
        assertTrue(store.tryLease(ACCOUNT, "worker-1", Duration.ofHours(1)));

        commit(tx -> tx.removeAccount(ACCOUNT));

        assertEquals(Optional.empty(), store.account(ACCOUNT));
        assertEquals(List.of(accountConfig(OTHER_ACCOUNT)), store.accounts());
        assertEquals(Optional.empty(), store.mailbox(INBOX));
        assertEquals(Optional.empty(), store.mailbox(ARCHIVE));
        assertEquals(Optional.empty(), store.syncState(INBOX));
        assertEquals(Optional.empty(), store.message(INBOX, 1));
        assertEquals(Optional.empty(), store.content(INBOX, 1));
        assertStoreError(StoreError.NOT_FOUND, () -> store.mailboxes(ACCOUNT));
        assertStoreError(StoreError.NOT_FOUND, () -> store.journal(ACCOUNT));
        assertStoreError(StoreError.NOT_FOUND, () -> store.findByMessageId(ACCOUNT, messageId(1)));

        assertEquals(Optional.of(message(1)), store.message(otherInbox, 1));
        assertContentEquals(content(1), store.content(otherInbox, 1).orElseThrow());
        assertEquals(1, store.journal(OTHER_ACCOUNT).size());

        addAccount(ACCOUNT);
        assertEquals(List.of(), store.mailboxes(ACCOUNT), "a new account of the same name starts empty");
        assertEquals(List.of(), store.journal(ACCOUNT));
        assertTrue(store.tryLease(ACCOUNT, "worker-2", Duration.ofHours(1)),
                "the old account's lease went with it");
    }

    @Test
    void removeAccountThenPutAccountInOneTransactionLeavesAnEmptyAccount() throws Exception {
        addMailbox(INBOX);
        putMessages(INBOX, message(1));
        commit(tx -> {
            tx.removeAccount(ACCOUNT);
            tx.putAccount(accountConfig(ACCOUNT));
        });
        assertEquals(List.of(accountConfig(ACCOUNT)), store.accounts());
        assertEquals(List.of(), store.mailboxes(ACCOUNT));
        assertFalse(store.mailbox(INBOX).isPresent());
    }
}
