/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.core.runtime.CoreException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.tidemark.model.AccountId;
import io.tidemark.model.Flags;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.JournalEntry;
import io.tidemark.store.api.JournalOperation;
import io.tidemark.store.api.MailStore;
import io.tidemark.store.api.MailboxRecord;
import io.tidemark.store.api.MailboxSyncState;
import io.tidemark.store.api.MessageRecord;
import io.tidemark.store.api.StoreError;
import io.tidemark.store.api.StoreStatus;
import io.tidemark.store.api.StoreTransaction;
import io.tidemark.sync.api.LocalChanges;

/**
 * What the user does locally: each call changes the replica and appends the change to the journal in one
 * store transaction, and returns after the commit (invariant I2). The engine replays the journal at the next
 * sync. Shares its configuration PID with the engine, so {@code store.target} pins both to the same store.
 */
@Component(service = LocalChanges.class, configurationPid = "io.tidemark.sync.core")
public final class LocalChangesService implements LocalChanges {

    @Reference(name = "store", policyOption = ReferencePolicyOption.GREEDY)
    MailStore store;

    /** For DS. */
    public LocalChangesService() {
    }

    /** Outside OSGi (tests). */
    LocalChangesService(MailStore store) {
        this.store = store;
    }

    @Override
    public void setFlags(MailboxRef mailbox, long uidValidity, UidSet uids, Flags add, Flags remove)
            throws CoreException {
        Flags a = add == null ? Flags.EMPTY : add;
        Flags r = remove == null ? Flags.EMPTY : remove;
        if (a.isEmpty() && r.isEmpty()) {
            return;
        }
        store.write(tx -> {
            MailboxSyncState state = state(tx, mailbox, uidValidity);
            UidSet.Builder held = UidSet.builder();
            for (long uid : checked(uids).toArray()) {
                Optional<MessageRecord> m = tx.message(mailbox, uid);
                if (m.isPresent()) {
                    tx.updateFlags(mailbox, uid, m.get().flags().plus(a).minus(r), m.get().modSeq());
                    held.add(uid);
                }
            }
            tx.appendJournal(JournalEntry.flags(mailbox, state.uidValidity(), nonEmpty(held.build(), mailbox, uids),
                    a, r));
            return null;
        });
    }

    @Override
    public void delete(MailboxRef mailbox, long uidValidity, UidSet uids) throws CoreException {
        store.write(tx -> {
            MailboxSyncState state = state(tx, mailbox, uidValidity);
            UidSet held = nonEmpty(held(tx, mailbox, checked(uids)), mailbox, uids);
            tx.setHidden(mailbox, held, true);
            tx.appendJournal(JournalEntry.delete(mailbox, state.uidValidity(), held));
            return null;
        });
    }

    @Override
    public void move(MailboxRef mailbox, long uidValidity, UidSet uids, MailboxName target) throws CoreException {
        if (target.equals(mailbox.name())) {
            throw StoreStatus.exception(StoreError.INVALID, mailbox.account(), mailbox.name(),
                    "cannot move messages to the mailbox they are in", null);
        }
        store.write(tx -> {
            MailboxSyncState state = state(tx, mailbox, uidValidity);
            UidSet held = nonEmpty(held(tx, mailbox, checked(uids)), mailbox, uids);
            tx.setHidden(mailbox, held, true);
            tx.appendJournal(JournalEntry.move(mailbox, state.uidValidity(), held, target));
            return null;
        });
    }

    @Override
    public void append(MailboxRef mailbox, byte[] message, Flags flags, Instant internalDate) throws CoreException {
        if (message == null || message.length == 0) {
            throw StoreStatus.exception(StoreError.INVALID, mailbox.account(), mailbox.name(), "empty message", null);
        }
        // a Message-ID lets a replay recognize an APPEND the server already has (exactly once)
        byte[] withId = MessageHeaders.ensureMessageId(message, "tidemark.invalid");
        store.write(tx -> {
            if (store.mailbox(mailbox).isEmpty()) {
                throw StoreStatus.exception(StoreError.NOT_FOUND, mailbox.account(), mailbox.name(),
                        "no such mailbox", null);
            }
            tx.appendJournal(JournalEntry.append(mailbox, withId, flags, internalDate));
            return null;
        });
    }

    @Override
    public void createMailbox(MailboxRef mailbox) throws CoreException {
        store.write(tx -> {
            if (store.mailbox(mailbox).isPresent()) {
                throw StoreStatus.exception(StoreError.INVALID, mailbox.account(), mailbox.name(),
                        "the mailbox exists already", null);
            }
            tx.putMailbox(new MailboxRecord(mailbox, delimiterOf(mailbox.account()), Set.of(), true, true));
            tx.appendJournal(JournalEntry.mailboxOperation(mailbox, JournalOperation.CREATE_MAILBOX, null));
            tx.appendJournal(JournalEntry.mailboxOperation(mailbox, JournalOperation.SUBSCRIBE, null));
            return null;
        });
    }

    @Override
    public void renameMailbox(MailboxRef mailbox, MailboxName newName) throws CoreException {
        store.write(tx -> {
            requireMailbox(mailbox);
            // changes made before the rename must still name the old mailbox when they replay
            List<JournalEntry> earlier = store.journal(mailbox.account()).stream()
                    .filter(e -> e.mailbox().equals(mailbox)).toList();
            tx.renameMailbox(mailbox, newName);
            for (JournalEntry e : earlier) {
                tx.updateJournal(e);
            }
            tx.appendJournal(JournalEntry.mailboxOperation(mailbox, JournalOperation.RENAME_MAILBOX, newName));
            return null;
        });
    }

    @Override
    public void deleteMailbox(MailboxRef mailbox) throws CoreException {
        store.write(tx -> {
            requireMailbox(mailbox);
            tx.removeMailbox(mailbox);
            tx.appendJournal(JournalEntry.mailboxOperation(mailbox, JournalOperation.DELETE_MAILBOX, null));
            return null;
        });
    }

    @Override
    public void subscribe(MailboxRef mailbox, boolean subscribed) throws CoreException {
        store.write(tx -> {
            MailboxRecord r = requireMailbox(mailbox);
            tx.putMailbox(new MailboxRecord(r.ref(), r.delimiter(), r.attributes(), subscribed, r.synced()));
            tx.appendJournal(JournalEntry.mailboxOperation(mailbox,
                    subscribed ? JournalOperation.SUBSCRIBE : JournalOperation.UNSUBSCRIBE, null));
            return null;
        });
    }

    @Override
    public List<JournalEntry> pending(AccountId account) throws CoreException {
        return store.journal(account);
    }

    @Override
    public void retry(long journalId) throws CoreException {
        JournalEntry e = find(journalId);
        if (e.uidValidity() != 0) {
            Optional<MailboxSyncState> now = store.syncState(e.mailbox());
            if (now.isPresent() && now.get().uidValidity() != e.uidValidity()) {
                throw StoreStatus.exception(StoreError.INVALID, e.mailbox().account(), e.mailbox().name(),
                        "this change names UIDs of UIDVALIDITY " + e.uidValidity() + " but the mailbox is now at "
                                + now.get().uidValidity() + "; retrying cannot work, discard it",
                        null);
            }
        }
        store.write(tx -> {
            tx.updateJournal(new JournalEntry(e.id(), e.mailbox(), e.uidValidity(), e.operation(), e.uids(),
                    e.flagsToAdd(), e.flagsToRemove(), e.target(), e.message(), e.appendFlags(), e.internalDate(),
                    e.created(), e.attempts(), null,
                    e.state() == JournalEntry.State.NEEDS_USER ? JournalEntry.State.PENDING : e.state(), null));
            return null;
        });
    }

    @Override
    public void discard(long journalId) throws CoreException {
        JournalEntry e = find(journalId);
        store.write(tx -> {
            tx.removeJournal(e.id());
            Optional<MailboxSyncState> state = tx.syncState(e.mailbox());
            boolean sameEpoch = state.isPresent() && state.get().uidValidity() == e.uidValidity();
            if (sameEpoch && (e.operation() == JournalOperation.DELETE || e.operation() == JournalOperation.MOVE)) {
                tx.setHidden(e.mailbox(), e.uids(), false);
            } else if (sameEpoch && e.operation() == JournalOperation.FLAGS) {
                // the replica shows the discarded change and the server's flags are not kept apart: forget the
                // mod-sequence cursor so the next sync rescans every flag of the mailbox
                MailboxSyncState s = state.get();
                tx.putSyncState(e.mailbox(), new MailboxSyncState(s.uidValidity(), s.uidNext(), 0, s.lastSeenUid(),
                        s.exists(), s.lastSync(), s.lastStrategy(), null));
            }
            return null;
        });
    }

    private JournalEntry find(long id) throws CoreException {
        for (io.tidemark.model.AccountConfig a : store.accounts()) {
            for (JournalEntry e : store.journal(a.id())) {
                if (e.id() == id) {
                    return e;
                }
            }
        }
        throw StoreStatus.exception(StoreError.NOT_FOUND, null, null, "no pending change with id " + id, null);
    }

    private MailboxSyncState state(StoreTransaction tx, MailboxRef mailbox, long expectedUidValidity)
            throws CoreException {
        MailboxSyncState s = tx.syncState(mailbox).orElseThrow(() -> StoreStatus.exception(StoreError.NOT_FOUND,
                mailbox.account(), mailbox.name(), "the mailbox has not been synced yet", null));
        if (expectedUidValidity != 0 && expectedUidValidity != s.uidValidity()) {
            // the UIDs were read in an epoch the mailbox has left: they may name other messages now (I4)
            throw StoreStatus.exception(StoreError.INVALID, mailbox.account(), mailbox.name(),
                    "the mailbox's UIDVALIDITY changed from " + expectedUidValidity + " to " + s.uidValidity()
                            + "; reload it and try again",
                    null);
        }
        return s;
    }

    private MailboxRecord requireMailbox(MailboxRef mailbox) throws CoreException {
        return store.mailbox(mailbox).orElseThrow(() -> StoreStatus.exception(StoreError.NOT_FOUND,
                mailbox.account(), mailbox.name(), "no such mailbox", null));
    }

    private static UidSet held(StoreTransaction tx, MailboxRef mailbox, UidSet uids) throws CoreException {
        UidSet.Builder b = UidSet.builder();
        for (long uid : uids.toArray()) {
            if (tx.message(mailbox, uid).isPresent()) {
                b.add(uid);
            }
        }
        return b.build();
    }

    private static UidSet checked(UidSet uids) throws CoreException {
        if (uids == null || uids.isEmpty()) {
            throw StoreStatus.exception(StoreError.INVALID, null, null, "no messages given", null);
        }
        return uids;
    }

    private static UidSet nonEmpty(UidSet held, MailboxRef mailbox, UidSet asked) throws CoreException {
        if (held.isEmpty()) {
            throw StoreStatus.exception(StoreError.NOT_FOUND, mailbox.account(), mailbox.name(),
                    "no message with UID " + asked + " in the replica", null);
        }
        return held;
    }

    private char delimiterOf(AccountId account) throws CoreException {
        for (MailboxRecord r : store.mailboxes(account)) {
            if (r.delimiter() != 0) {
                return r.delimiter();
            }
        }
        return '/';
    }
}
