/* SPDX-License-Identifier: EPL-2.0 */
package io.tidemark.store.memory.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.eclipse.core.runtime.CoreException;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.model.Flags;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.JournalEntry;
import io.tidemark.store.api.MailboxDelta;
import io.tidemark.store.api.MailboxDelta.Kind;
import io.tidemark.store.api.MailboxRecord;
import io.tidemark.store.api.MailboxSyncState;
import io.tidemark.store.api.MessageContent;
import io.tidemark.store.api.MessageRecord;
import io.tidemark.store.api.StoreDelta;
import io.tidemark.store.api.StoreError;
import io.tidemark.store.api.StoreTransaction;
import io.tidemark.store.api.UidRemap;

/**
 * One transaction of the memory store: a private, copy-on-write view of the snapshot it started from. The
 * committed snapshot is never changed, so a failure anywhere leaves nothing behind; {@link #commit()} builds
 * the next snapshot and the {@link StoreDelta} of what changed.
 * <p>
 * Used by the one thread that runs the body, while it holds the store's write lock.
 */
final class MemoryTransaction implements StoreTransaction {

    private final MemoryMailStore store;
    private final Snapshot base;
    private boolean open = true;

    /** Copied from {@link #base} on the first change. */
    private TreeMap<AccountId, AccountConfig> accounts;
    /** Copied on the first change; values are {@link MailboxState} (untouched) or {@link Work}. */
    private TreeMap<MailboxRef, Object> mailboxes;
    /** Copied on the first journal change; the per-account maps are copied when first changed. */
    private HashMap<AccountId, NavigableMap<Long, JournalEntry>> journals;
    private final Set<AccountId> ownJournals = new HashSet<>();

    private final Set<AccountId> changedAccounts = new LinkedHashSet<>();
    private final Set<AccountId> removedAccounts = new LinkedHashSet<>();
    private final List<Work> touched = new ArrayList<>();
    private boolean journalChanged;

    /** The changes to one mailbox. */
    private static final class Work {
        /** The name at the start of the transaction, or null if the transaction created the mailbox. */
        final MailboxRef origin;
        /** The state at the start of the transaction, or null if created in it. */
        final MailboxState before;
        MailboxRef ref;
        MailboxRecord record;
        MailboxSyncState sync;
        MessageTable.Editor editor;
        boolean removed;
        boolean syncWritten;
        boolean reset;
        UidSet resetRemoved = UidSet.empty();
        UidSet.Builder touchedUids = UidSet.builder();

        Work(MailboxRef origin, MailboxState before, MailboxRef ref, MailboxRecord record, MailboxSyncState sync) {
            this.origin = origin;
            this.before = before;
            this.ref = ref;
            this.record = record;
            this.sync = sync;
        }

        MessageTable.Editor editor() {
            if (editor == null) {
                editor = (before == null ? MessageTable.EMPTY : before.messages()).edit();
            }
            return editor;
        }

        StoredMessage get(long uid) {
            if (editor != null) {
                return editor.get(uid);
            }
            return before == null ? null : before.messages().get(uid);
        }

        MailboxState freeze() {
            MessageTable table = editor != null ? editor.freeze()
                    : before == null ? MessageTable.EMPTY : before.messages();
            return new MailboxState(record, sync, table);
        }
    }

    MemoryTransaction(MemoryMailStore store, Snapshot base) {
        this.store = store;
        this.base = base;
    }

    /** Makes every later call fail: the body has returned. */
    void end() {
        open = false;
    }

    private void checkOpen() throws CoreException {
        if (!open) {
            throw store.error(StoreError.INVALID, null, null, "the transaction is over; use it only inside its body");
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // Views

    private NavigableMap<AccountId, AccountConfig> accountsView() {
        return accounts != null ? accounts : base.accounts();
    }

    private NavigableMap<MailboxRef, ?> mailboxesView() {
        return mailboxes != null ? mailboxes : base.mailboxes();
    }

    private TreeMap<MailboxRef, Object> mailboxesForWrite() {
        if (mailboxes == null) {
            mailboxes = new TreeMap<>(base.mailboxes());
        }
        return mailboxes;
    }

    private boolean accountExists(AccountId id) {
        return accountsView().containsKey(id);
    }

    private void requireAccount(AccountId id) throws CoreException {
        if (!accountExists(id)) {
            throw store.error(StoreError.NOT_FOUND, id, null, "no such account");
        }
    }

    /** @return the mailbox's work, creating it on first touch */
    private Work work(MailboxRef ref) throws CoreException {
        Object v = mailboxesView().get(ref);
        if (v == null) {
            throw store.error(StoreError.NOT_FOUND, ref.account(), ref.name(), "no such mailbox");
        }
        if (v instanceof Work w) {
            return w;
        }
        MailboxState s = (MailboxState) v;
        Work w = new Work(ref, s, ref, s.record(), s.sync());
        mailboxesForWrite().put(ref, w);
        touched.add(w);
        return w;
    }

    /** @return the mailbox as this transaction sees it, without touching it, or null */
    private Object peek(MailboxRef ref) {
        return mailboxesView().get(ref);
    }

    private static MailboxSyncState syncOf(Object v) {
        return v instanceof Work w ? w.sync : ((MailboxState) v).sync();
    }

    private static StoredMessage messageOf(Object v, long uid) {
        return v instanceof Work w ? w.get(uid) : ((MailboxState) v).messages().get(uid);
    }

    private NavigableMap<Long, JournalEntry> journalForWrite(AccountId account) {
        if (journals == null) {
            journals = new HashMap<>(base.journals());
        }
        NavigableMap<Long, JournalEntry> j = journals.get(account);
        if (!ownJournals.contains(account)) {
            j = j == null ? new TreeMap<>() : new TreeMap<>(j);
            journals.put(account, j);
            ownJournals.add(account);
        }
        return j;
    }

    private Map<AccountId, NavigableMap<Long, JournalEntry>> journalsView() {
        return journals != null ? journals : base.journals();
    }

    // ---------------------------------------------------------------------------------------------------
    // Accounts and mailboxes

    @Override
    public void putAccount(AccountConfig account) throws CoreException {
        checkOpen();
        Objects.requireNonNull(account, "account");
        if (accounts == null) {
            accounts = new TreeMap<>(base.accounts());
        }
        accounts.put(account.id(), account);
        changedAccounts.add(account.id());
    }

    @Override
    public void removeAccount(AccountId account) throws CoreException {
        checkOpen();
        requireAccount(account);
        if (accounts == null) {
            accounts = new TreeMap<>(base.accounts());
        }
        accounts.remove(account);
        for (MailboxRef ref : new ArrayList<>(Snapshot.mailboxesOf(mailboxesView(), account).keySet())) {
            removeMailbox(ref);
        }
        if (!journalsView().getOrDefault(account, Collections.emptyNavigableMap()).isEmpty()) {
            journalChanged = true;
        }
        if (journalsView().containsKey(account)) {
            journalForWrite(account);
            journals.remove(account);
            ownJournals.remove(account);
        }
        changedAccounts.add(account);
        removedAccounts.add(account);
    }

    @Override
    public void putMailbox(MailboxRecord mailbox) throws CoreException {
        checkOpen();
        Objects.requireNonNull(mailbox, "mailbox");
        requireAccount(mailbox.ref().account());
        Object v = peek(mailbox.ref());
        if (v != null) {
            work(mailbox.ref()).record = mailbox;
            return;
        }
        Work w = new Work(null, null, mailbox.ref(), mailbox, null);
        mailboxesForWrite().put(mailbox.ref(), w);
        touched.add(w);
    }

    @Override
    public void renameMailbox(MailboxRef from, MailboxName to) throws CoreException {
        checkOpen();
        Work w = work(from);
        MailboxRef target = new MailboxRef(from.account(), to);
        if (target.equals(from)) {
            return;
        }
        if (peek(target) != null) {
            throw store.error(StoreError.INVALID, from.account(), from.name(),
                    "cannot rename to '" + to + "': that mailbox exists");
        }
        mailboxesForWrite().remove(from);
        mailboxes.put(target, w);
        w.ref = target;
        w.record = w.record.withRef(target);
        NavigableMap<Long, JournalEntry> journal = journalsView().get(from.account());
        if (journal != null && journal.values().stream().anyMatch(e -> e.mailbox().equals(from))) {
            NavigableMap<Long, JournalEntry> j = journalForWrite(from.account());
            for (Map.Entry<Long, JournalEntry> e : j.entrySet()) {
                if (e.getValue().mailbox().equals(from)) {
                    e.setValue(withMailbox(e.getValue(), target));
                }
            }
            journalChanged = true;
        }
    }

    private static JournalEntry withMailbox(JournalEntry e, MailboxRef mailbox) {
        return new JournalEntry(e.id(), mailbox, e.uidValidity(), e.operation(), e.uids(), e.flagsToAdd(),
                e.flagsToRemove(), e.target(), e.message(), e.appendFlags(), e.internalDate(), e.created(),
                e.attempts(), e.notBefore(), e.state(), e.lastError());
    }

    @Override
    public void removeMailbox(MailboxRef mailbox) throws CoreException {
        checkOpen();
        Work w = work(mailbox);
        w.removed = true;
        mailboxes.remove(mailbox);
    }

    // ---------------------------------------------------------------------------------------------------
    // Sync state and messages

    @Override
    public Optional<MailboxSyncState> syncState(MailboxRef mailbox) throws CoreException {
        checkOpen();
        Object v = peek(mailbox);
        return v == null ? Optional.empty() : Optional.ofNullable(syncOf(v));
    }

    @Override
    public void putSyncState(MailboxRef mailbox, MailboxSyncState state) throws CoreException {
        checkOpen();
        Objects.requireNonNull(state, "state");
        Work w = work(mailbox);
        boolean holdsMessages = w.editor != null ? w.editor.size() > 0
                : w.before != null && w.before.messages().size() > 0;
        if (holdsMessages && w.sync != null && w.sync.uidValidity() != state.uidValidity()) {
            throw store.error(StoreError.INVALID, mailbox.account(), mailbox.name(),
                    "UIDVALIDITY " + state.uidValidity() + " differs from " + w.sync.uidValidity()
                            + " of the messages held; use resetMailbox to change epoch");
        }
        w.sync = state;
        w.syncWritten = true;
    }

    @Override
    public Optional<MessageRecord> message(MailboxRef mailbox, long uid) throws CoreException {
        checkOpen();
        Object v = peek(mailbox);
        StoredMessage m = v == null ? null : messageOf(v, uid);
        return m == null ? Optional.empty() : Optional.of(m.toRecord());
    }

    @Override
    public void putMessages(MailboxRef mailbox, Collection<MessageRecord> messages) throws CoreException {
        checkOpen();
        Work w = work(mailbox);
        if (w.sync == null) {
            throw store.error(StoreError.INVALID, mailbox.account(), mailbox.name(),
                    "messages need a sync state (UIDVALIDITY) first");
        }
        for (MessageRecord m : messages) {
            Objects.requireNonNull(m, "message");
        }
        MessageTable.Editor ed = w.editor();
        for (MessageRecord m : messages) {
            StoredMessage previous = ed.get(m.uid());
            ed.put(StoredMessage.of(m, store.share(m.flags()), previous == null ? null : previous.content));
            w.touchedUids.add(m.uid());
        }
    }

    @Override
    public boolean updateFlags(MailboxRef mailbox, long uid, Flags flags, long modSeq) throws CoreException {
        checkOpen();
        Objects.requireNonNull(flags, "flags");
        Object v = peek(mailbox);
        if (v == null) {
            throw store.error(StoreError.NOT_FOUND, mailbox.account(), mailbox.name(), "no such mailbox");
        }
        StoredMessage m = messageOf(v, uid);
        if (m == null) {
            return false;
        }
        Work w = work(mailbox);
        w.editor().put(m.withFlags(store.share(flags), modSeq));
        w.touchedUids.add(uid);
        return true;
    }

    @Override
    public void setHidden(MailboxRef mailbox, UidSet uids, boolean hidden) throws CoreException {
        checkOpen();
        Work w = work(mailbox);
        MessageTable.Editor ed = w.editor();
        for (StoredMessage m : ed.inRange(uids)) {
            if (m.hidden != hidden) {
                ed.put(m.withHidden(hidden));
                w.touchedUids.add(m.uid);
            }
        }
    }

    @Override
    public UidSet removeMessages(MailboxRef mailbox, UidSet uids) throws CoreException {
        checkOpen();
        Work w = work(mailbox);
        MessageTable.Editor ed = w.editor();
        UidSet.Builder removed = UidSet.builder();
        for (StoredMessage m : ed.inRange(uids)) {
            ed.remove(m.uid);
            removed.add(m.uid);
            w.touchedUids.add(m.uid);
        }
        return removed.build();
    }

    @Override
    public void putContent(MailboxRef mailbox, long uid, MessageContent content) throws CoreException {
        checkOpen();
        Work w = work(mailbox);
        if (content == null) {
            throw store.error(StoreError.INVALID, mailbox.account(), mailbox.name(), "content is null");
        }
        StoredMessage m = w.get(uid);
        if (m == null) {
            throw store.error(StoreError.NOT_FOUND, mailbox.account(), mailbox.name(),
                    "no message with UID " + uid + " to hold content");
        }
        w.editor().put(m.withContent(content));
        w.touchedUids.add(uid);
    }

    @Override
    public void relink(MailboxRef from, long fromUid, MailboxRef to, long toUid, MessageRecord updated)
            throws CoreException {
        checkOpen();
        Work source = work(from);
        StoredMessage m = source.get(fromUid);
        if (m == null) {
            throw store.error(StoreError.NOT_FOUND, from.account(), from.name(),
                    "no message with UID " + fromUid + " to relink");
        }
        Work target = work(to);
        if (target.sync == null) {
            throw store.error(StoreError.INVALID, to.account(), to.name(),
                    "messages need a sync state (UIDVALIDITY) first");
        }
        if (updated != null && updated.uid() != toUid) {
            throw store.error(StoreError.INVALID, to.account(), to.name(),
                    "the updated record has UID " + updated.uid() + ", not " + toUid);
        }
        if (toUid < 1 || toUid > UidSet.MAX_UID) {
            throw store.error(StoreError.INVALID, to.account(), to.name(), "UID out of range: " + toUid);
        }
        source.editor().remove(fromUid);
        source.touchedUids.add(fromUid);
        MessageTable.Editor ed = target.editor();
        StoredMessage existing = ed.get(toUid);
        MessageContent content = m.content != null || existing == null ? m.content : existing.content;
        StoredMessage moved = updated == null ? m.withUid(toUid)
                : StoredMessage.of(updated, store.share(updated.flags()), null);
        ed.put(moved.withContent(content));
        target.touchedUids.add(toUid);
    }

    @Override
    public void resetMailbox(MailboxRef mailbox, long newUidValidity, UidRemap keep) throws CoreException {
        checkOpen();
        Objects.requireNonNull(keep, "keep");
        MailboxSyncState initial;
        try {
            initial = MailboxSyncState.initial(newUidValidity);
        } catch (IllegalArgumentException e) {
            throw store.error(StoreError.INVALID, mailbox.account(), mailbox.name(), e.getMessage());
        }
        Work w = work(mailbox);
        MessageTable.Editor old = w.editor();
        List<StoredMessage> kept = new ArrayList<>(keep.size());
        UidSet.Builder keptOld = UidSet.builder();
        for (int i = 0; i < keep.size(); i++) {
            StoredMessage m = old.get(keep.oldUid(i));
            if (m != null) {
                kept.add(m.withUid(keep.newUid(i)));
                keptOld.add(m.uid);
            }
        }
        if (!w.reset) {
            // The old epoch's UIDs that this reset drops, as listeners knew them at the start. (A second reset
            // in the same transaction keeps this first account of what was dropped.)
            UidSet before = w.before == null ? UidSet.empty() : w.before.messages().uids();
            w.resetRemoved = before.minus(keptOld.build());
            w.reset = true;
        }
        old.clear();
        for (StoredMessage m : kept) {
            old.put(m);
        }
        w.touchedUids = UidSet.builder();
        w.sync = initial;
        w.syncWritten = true;
    }

    // ---------------------------------------------------------------------------------------------------
    // Journal

    @Override
    public JournalEntry appendJournal(JournalEntry entry) throws CoreException {
        checkOpen();
        AccountId account = entry.mailbox().account();
        requireAccount(account);
        JournalEntry withId = entry.withId(store.nextJournalId());
        journalForWrite(account).put(withId.id(), withId);
        journalChanged = true;
        return withId;
    }

    private AccountId holderOf(long id) {
        for (Map.Entry<AccountId, NavigableMap<Long, JournalEntry>> e : journalsView().entrySet()) {
            if (e.getValue().containsKey(id)) {
                return e.getKey();
            }
        }
        return null;
    }

    @Override
    public void updateJournal(JournalEntry entry) throws CoreException {
        checkOpen();
        AccountId holder = holderOf(entry.id());
        if (holder == null) {
            throw store.error(StoreError.NOT_FOUND, entry.mailbox().account(), null,
                    "no journal entry " + entry.id());
        }
        if (!holder.equals(entry.mailbox().account())) {
            throw store.error(StoreError.INVALID, holder, null,
                    "journal entry " + entry.id() + " cannot move to account " + entry.mailbox().account());
        }
        journalForWrite(holder).put(entry.id(), entry);
        journalChanged = true;
    }

    @Override
    public void removeJournal(long id) throws CoreException {
        checkOpen();
        AccountId holder = holderOf(id);
        if (holder == null) {
            throw store.error(StoreError.NOT_FOUND, null, null, "no journal entry " + id);
        }
        journalForWrite(holder).remove(id);
        journalChanged = true;
    }

    // ---------------------------------------------------------------------------------------------------
    // Commit

    /** What a commit produces. */
    record Result(Snapshot snapshot, StoreDelta delta, Set<AccountId> removedAccounts) {
    }

    /** Builds the next snapshot and the delta; the transaction must have ended. */
    Result commit() {
        NavigableMap<AccountId, AccountConfig> newAccounts = accounts == null ? base.accounts()
                : Collections.unmodifiableNavigableMap(accounts);
        NavigableMap<MailboxRef, MailboxState> newMailboxes = base.mailboxes();
        Map<Work, MailboxState> frozen = new HashMap<>();
        if (mailboxes != null) {
            TreeMap<MailboxRef, MailboxState> m = new TreeMap<>();
            for (Map.Entry<MailboxRef, Object> e : mailboxes.entrySet()) {
                if (e.getValue() instanceof Work w) {
                    MailboxState s = w.freeze();
                    frozen.put(w, s);
                    m.put(e.getKey(), s);
                } else {
                    m.put(e.getKey(), (MailboxState) e.getValue());
                }
            }
            newMailboxes = Collections.unmodifiableNavigableMap(m);
        }
        Map<AccountId, NavigableMap<Long, JournalEntry>> newJournals = base.journals();
        if (journals != null) {
            Map<AccountId, NavigableMap<Long, JournalEntry>> j = new HashMap<>();
            for (Map.Entry<AccountId, NavigableMap<Long, JournalEntry>> e : journals.entrySet()) {
                if (!e.getValue().isEmpty()) {
                    j.put(e.getKey(), ownJournals.contains(e.getKey())
                            ? Collections.unmodifiableNavigableMap(e.getValue()) : e.getValue());
                }
            }
            newJournals = Collections.unmodifiableMap(j);
        }
        List<MailboxDelta> deltas = new ArrayList<>();
        for (Work w : touched) {
            MailboxDelta d = delta(w, frozen.get(w));
            if (d != null) {
                deltas.add(d);
            }
        }
        return new Result(new Snapshot(newAccounts, newMailboxes, newJournals),
                new StoreDelta(changedAccounts, deltas, journalChanged), Set.copyOf(removedAccounts));
    }

    private static MailboxDelta delta(Work w, MailboxState after) {
        if (w.removed || after == null) {
            if (w.origin == null) {
                return null;
            }
            return new MailboxDelta(w.origin, Kind.REMOVED, null, null, null, w.before.messages().uids(), false);
        }
        if (w.origin == null) {
            return new MailboxDelta(w.ref, Kind.CREATED, null, after.messages().uids(), null, null, w.syncWritten);
        }
        if (w.reset) {
            return new MailboxDelta(w.ref, Kind.RESET, null, after.messages().uids(), null, w.resetRemoved, true);
        }
        UidSet.Builder added = UidSet.builder();
        UidSet.Builder changed = UidSet.builder();
        UidSet.Builder removed = UidSet.builder();
        MessageTable before = w.before.messages();
        MessageTable now = after.messages();
        w.touchedUids.build().forEachUid(uid -> {
            StoredMessage b = before.get(uid);
            StoredMessage a = now.get(uid);
            if (b == null && a != null) {
                added.add(uid);
            } else if (b != null && a == null) {
                removed.add(uid);
            } else if (b != null && !b.sameAs(a)) {
                changed.add(uid);
            }
        });
        boolean renamed = !w.origin.equals(w.ref);
        boolean recordChanged = !w.record.equals(renamed ? w.before.record().withRef(w.ref) : w.before.record());
        MailboxDelta d = new MailboxDelta(w.ref, renamed ? Kind.RENAMED : Kind.CHANGED,
                renamed ? w.origin.name() : null, added.build(), changed.build(), removed.build(), w.syncWritten);
        if (!renamed && !recordChanged && !w.syncWritten && d.added().isEmpty() && d.changed().isEmpty()
                && d.removed().isEmpty()) {
            return null;
        }
        return d;
    }
}
