/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

import org.eclipse.core.runtime.CoreException;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.model.Flags;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.JournalEntry;
import io.tidemark.store.api.MailboxRecord;
import io.tidemark.store.api.MailboxSyncState;
import io.tidemark.store.api.MessageContent;
import io.tidemark.store.api.MessageRecord;
import io.tidemark.store.api.StoreDelta;
import io.tidemark.store.api.StoreError;
import io.tidemark.store.api.StoreStatus;
import io.tidemark.store.api.StoreTransaction;
import io.tidemark.store.api.UidRemap;

/**
 * One write transaction: an EntityManager transaction whose connection also carries the JDBC batches of
 * {@link MessageRows}. Two rules keep the two views of the rows coherent: pending entity changes are flushed
 * before any JDBC statement (so SQL sees them), and the persistence context is cleared after any JDBC write
 * (so no stale entity survives it). Entities are therefore looked up per call, never kept across calls.
 * <p>
 * Confined to the thread running the body, and valid only during the body.
 */
final class JpaTransaction implements StoreTransaction {

    private final EntityManager em;
    private final Connection connection;
    private final String location;
    private final Thread owner = Thread.currentThread();
    private final DeltaBuilder delta = new DeltaBuilder();
    private final Map<MailboxRef, Long> ids = new HashMap<>();
    private boolean open = true;

    JpaTransaction(EntityManager em, Connection connection, String location) {
        this.em = em;
        this.connection = connection;
        this.location = location;
    }

    /** Flushes what the body left pending and ends the transaction's use by the body. */
    void finish() {
        check();
        em.flush();
        open = false;
    }

    /** Ends the transaction's use (after a failure). */
    void close() {
        open = false;
    }

    StoreDelta delta() {
        return delta.build();
    }

    private void check() {
        if (!open) {
            throw new IllegalStateException("The store transaction is over: it is valid only inside its body");
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("The store transaction belongs to thread " + owner.getName());
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException, CoreException;
    }

    /** Runs one operation, mapping database failures once. */
    private <T> T run(AccountId account, MailboxName mailbox, Work<T> work) throws CoreException {
        check();
        try {
            return work.run();
        } catch (SQLException | PersistenceException | Codec.Damaged e) {
            throw StoreErrors.map(e, location, "Writing to", account, mailbox);
        }
    }

    /** JDBC work on the transaction's connection, after flushing pending entity changes. */
    private <T> T jdbc(boolean writes, Work<T> work) throws SQLException, CoreException {
        em.flush();
        T result = work.run();
        if (writes) {
            em.clear();
        }
        return result;
    }

    private CoreException notFound(AccountId account, MailboxName mailbox, String what) {
        return StoreStatus.exception(StoreError.NOT_FOUND, account, mailbox, what + " in the store at " + location,
                null);
    }

    private CoreException invalid(AccountId account, MailboxName mailbox, String what) {
        return StoreStatus.exception(StoreError.INVALID, account, mailbox, what, null);
    }

    // ---- accounts ----

    @Override
    public void putAccount(AccountConfig account) throws CoreException {
        run(account.id(), null, () -> {
            AccountEntity e = em.find(AccountEntity.class, account.id().value());
            if (e == null) {
                e = new AccountEntity(account.id());
                e.set(account);
                em.persist(e);
                // the account's lease row, free: taking a lease then only ever updates it, so two workers racing
                // for a new account queue on its row lock instead of one failing on a duplicate key
                LeaseEntity lease = new LeaseEntity(account.id().value());
                lease.hold("", Long.MIN_VALUE);
                em.persist(lease);
            } else {
                e.set(account);
            }
            delta.account(account.id());
            return null;
        });
    }

    @Override
    public void removeAccount(AccountId account) throws CoreException {
        run(account, null, () -> {
            AccountEntity e = em.find(AccountEntity.class, account.value());
            if (e == null) {
                throw notFound(account, null, "No such account");
            }
            List<MailboxEntity> boxes = em.createQuery(
                    "SELECT m FROM MailboxEntity m WHERE m.accountId = :a ORDER BY m.id", MailboxEntity.class)
                    .setParameter("a", account.value()).getResultList();
            long journal = em.createQuery("SELECT COUNT(j) FROM JournalEntity j WHERE j.accountId = :a", Long.class)
                    .setParameter("a", account.value()).getSingleResult();
            List<MailboxRef> refs = boxes.stream().map(MailboxEntity::ref).toList();
            List<Long> boxIds = boxes.stream().map(MailboxEntity::id).toList();
            List<UidSet> held = jdbc(true, () -> {
                List<UidSet> uids = new ArrayList<>();
                for (long id : boxIds) {
                    uids.add(MessageRows.uids(connection, id));
                }
                // mailboxes, messages, content, journal entries and the lease go by cascade
                try (PreparedStatement p = connection.prepareStatement("DELETE FROM tm_account WHERE id = ?")) {
                    p.setString(1, account.value());
                    p.executeUpdate();
                }
                return uids;
            });
            ids.keySet().removeIf(ref -> ref.account().equals(account));
            for (int i = 0; i < refs.size(); i++) {
                delta.removed(refs.get(i), held.get(i));
            }
            if (journal > 0) {
                delta.journal();
            }
            delta.account(account);
            return null;
        });
    }

    // ---- mailboxes ----

    private MailboxEntity findMailbox(MailboxRef ref) {
        Long id = ids.get(ref);
        if (id != null) {
            // already in this transaction's persistence context: no query, and so no automatic flush of
            // everything written since (a window of a sync asks for its mailbox hundreds of times)
            MailboxEntity m = em.find(MailboxEntity.class, id);
            if (m != null) {
                return m;
            }
        }
        List<MailboxEntity> found = em.createQuery(
                "SELECT m FROM MailboxEntity m WHERE m.accountId = :a AND m.name = :n", MailboxEntity.class)
                .setParameter("a", ref.account().value())
                .setParameter("n", ref.name().value())
                .getResultList();
        if (found.isEmpty()) {
            return null;
        }
        ids.put(ref, found.get(0).id());
        return found.get(0);
    }

    private MailboxEntity requireMailbox(MailboxRef ref) throws CoreException {
        MailboxEntity m = findMailbox(ref);
        if (m == null) {
            throw notFound(ref.account(), ref.name(), "No such mailbox");
        }
        ids.put(ref, m.id());
        return m;
    }

    private long mailboxId(MailboxRef ref) throws CoreException {
        Long id = ids.get(ref);
        return id != null ? id : requireMailbox(ref).id();
    }

    @Override
    public void putMailbox(MailboxRecord mailbox) throws CoreException {
        MailboxRef ref = mailbox.ref();
        run(ref.account(), ref.name(), () -> {
            if (em.find(AccountEntity.class, ref.account().value()) == null) {
                throw notFound(ref.account(), ref.name(), "No such account");
            }
            MailboxEntity m = findMailbox(ref);
            boolean created = m == null;
            boolean changed = created || !m.toRecord().equals(mailbox);
            if (created) {
                m = new MailboxEntity(ref);
                m.set(mailbox);
                em.persist(m); // the sequence assigns the id now
            } else if (changed) {
                m.set(mailbox);
            }
            ids.put(ref, m.id());
            delta.mailboxPut(ref, created, changed);
            return null;
        });
    }

    @Override
    public void renameMailbox(MailboxRef from, MailboxName to) throws CoreException {
        run(from.account(), from.name(), () -> {
            MailboxEntity m = requireMailbox(from);
            MailboxRef target = new MailboxRef(from.account(), to);
            if (target.equals(from)) {
                return null; // renamed to its own name: nothing to do
            }
            if (findMailbox(target) != null) {
                throw invalid(from.account(), from.name(), "Cannot rename to '" + to + "': that mailbox exists");
            }
            m.rename(to);
            em.flush();
            int moved = em.createQuery("UPDATE JournalEntity j SET j.mailboxName = :to"
                    + " WHERE j.accountId = :a AND j.mailboxName = :from")
                    .setParameter("to", to.value())
                    .setParameter("a", from.account().value())
                    .setParameter("from", from.name().value())
                    .executeUpdate();
            if (moved > 0) {
                delta.journal();
            }
            ids.remove(from);
            ids.put(target, m.id());
            delta.renamed(from, target);
            return null;
        });
    }

    @Override
    public void removeMailbox(MailboxRef mailbox) throws CoreException {
        run(mailbox.account(), mailbox.name(), () -> {
            long id = mailboxId(mailbox);
            UidSet held = jdbc(true, () -> {
                UidSet uids = MessageRows.uids(connection, id);
                // messages and content go by cascade; journal entries name the mailbox and stay
                try (PreparedStatement p = connection.prepareStatement("DELETE FROM tm_mailbox WHERE id = ?")) {
                    p.setLong(1, id);
                    p.executeUpdate();
                }
                return uids;
            });
            ids.remove(mailbox);
            delta.removed(mailbox, held);
            return null;
        });
    }

    // ---- sync state ----

    @Override
    public Optional<MailboxSyncState> syncState(MailboxRef mailbox) throws CoreException {
        return run(mailbox.account(), mailbox.name(), () -> {
            MailboxEntity m = findMailbox(mailbox);
            return m == null ? Optional.empty() : Optional.ofNullable(m.syncState());
        });
    }

    @Override
    public void putSyncState(MailboxRef mailbox, MailboxSyncState state) throws CoreException {
        run(mailbox.account(), mailbox.name(), () -> {
            MailboxEntity m = requireMailbox(mailbox);
            if (m.hasSyncState() && m.uidValidity() != state.uidValidity() && holdsMessages(m.id())) {
                throw invalid(mailbox.account(), mailbox.name(), "UIDVALIDITY " + state.uidValidity()
                        + " differs from the " + m.uidValidity() + " of the messages held; use resetMailbox");
            }
            m.setSyncState(state);
            delta.syncState(mailbox);
            return null;
        });
    }

    private boolean holdsMessages(long mailboxId) throws SQLException, CoreException {
        return jdbc(false, () -> {
            try (PreparedStatement p = connection.prepareStatement(
                    "SELECT uid FROM tm_message WHERE mailbox_id = ? FETCH FIRST 1 ROWS ONLY")) {
                p.setLong(1, mailboxId);
                try (ResultSet r = p.executeQuery()) {
                    return r.next();
                }
            }
        });
    }

    // ---- messages ----

    @Override
    public Optional<MessageRecord> message(MailboxRef mailbox, long uid) throws CoreException {
        return run(mailbox.account(), mailbox.name(), () -> {
            MailboxEntity m = findMailbox(mailbox);
            if (m == null) {
                return Optional.empty();
            }
            MessageEntity e = em.find(MessageEntity.class, new MessageKey(m.id(), uid));
            return Optional.ofNullable(e).map(MessageEntity::toRecord);
        });
    }

    @Override
    public SortedMap<Long, MessageRecord> messages(MailboxRef mailbox, UidSet uids) throws CoreException {
        return run(mailbox.account(), mailbox.name(), () -> {
            MailboxEntity m = findMailbox(mailbox);
            if (m == null || uids.isEmpty()) {
                return new TreeMap<Long, MessageRecord>();
            }
            long id = m.id();
            return new TreeMap<>(jdbc(false, () -> MessageRows.held(connection, id, uids)));
        });
    }

    @Override
    public void putMessages(MailboxRef mailbox, Collection<MessageRecord> messages) throws CoreException {
        run(mailbox.account(), mailbox.name(), () -> {
            MailboxEntity m = requireMailbox(mailbox);
            if (!m.hasSyncState()) {
                throw invalid(mailbox.account(), mailbox.name(),
                        "The mailbox has no UIDVALIDITY yet: write its sync state before its messages");
            }
            if (messages.isEmpty()) {
                return null;
            }
            long id = m.id();
            MessageRows.Upsert done = jdbc(true, () -> MessageRows.upsert(connection, id, messages));
            delta.added(mailbox, done.added());
            delta.changed(mailbox, done.changed());
            return null;
        });
    }

    @Override
    public boolean updateFlags(MailboxRef mailbox, long uid, Flags flags, long modSeq) throws CoreException {
        return run(mailbox.account(), mailbox.name(), () -> {
            long id = mailboxId(mailbox);
            MessageRows.FlagUpdate done = jdbc(true, () -> MessageRows.updateFlags(connection, id, uid, flags, modSeq));
            if (done == MessageRows.FlagUpdate.CHANGED) {
                delta.changed(mailbox, UidSet.of(uid));
            }
            return done != MessageRows.FlagUpdate.ABSENT;
        });
    }

    @Override
    public void setHidden(MailboxRef mailbox, UidSet uids, boolean hidden) throws CoreException {
        run(mailbox.account(), mailbox.name(), () -> {
            long id = mailboxId(mailbox);
            delta.changed(mailbox, jdbc(true, () -> MessageRows.setHidden(connection, id, uids, hidden)));
            return null;
        });
    }

    @Override
    public UidSet removeMessages(MailboxRef mailbox, UidSet uids) throws CoreException {
        return run(mailbox.account(), mailbox.name(), () -> {
            long id = mailboxId(mailbox);
            UidSet removed = jdbc(true, () -> MessageRows.delete(connection, id, uids));
            delta.removedMessages(mailbox, removed);
            return removed;
        });
    }

    @Override
    public void putContent(MailboxRef mailbox, long uid, MessageContent content) throws CoreException {
        run(mailbox.account(), mailbox.name(), () -> {
            long id = mailboxId(mailbox);
            MessageKey key = new MessageKey(id, uid);
            if (em.find(MessageEntity.class, key) == null) {
                throw notFound(mailbox.account(), mailbox.name(), "No message with UID " + uid);
            }
            ContentEntity c = em.find(ContentEntity.class, key);
            if (c == null) {
                c = new ContentEntity(id, uid);
                c.set(content);
                em.persist(c);
            } else {
                c.set(content);
            }
            delta.changed(mailbox, UidSet.of(uid));
            return null;
        });
    }

    @Override
    public void putContents(MailboxRef mailbox, Map<Long, MessageContent> contents) throws CoreException {
        run(mailbox.account(), mailbox.name(), () -> {
            if (contents.isEmpty()) {
                return null;
            }
            long id = mailboxId(mailbox);
            UidSet missing = jdbc(true, () -> MessageRows.putContents(connection, id, contents));
            if (!missing.isEmpty()) {
                throw notFound(mailbox.account(), mailbox.name(), "No message with UID " + missing.first());
            }
            delta.changed(mailbox, UidSet.of(contents.keySet().stream().mapToLong(Long::longValue).toArray()));
            return null;
        });
    }

    @Override
    public void relink(MailboxRef from, long fromUid, MailboxRef to, long toUid, MessageRecord updated)
            throws CoreException {
        run(from.account(), from.name(), () -> {
            long fromId = mailboxId(from);
            long toId = mailboxId(to);
            if (fromId == toId && fromUid == toUid) {
                MessageRows.Upsert done = jdbc(true, () -> MessageRows.get(connection, fromId, fromUid) == null ? null
                        : updated == null ? new MessageRows.Upsert(UidSet.empty(), UidSet.empty())
                                : MessageRows.upsert(connection, toId, List.of(updated.withUid(toUid))));
                if (done == null) {
                    throw notFound(from.account(), from.name(), "No message with UID " + fromUid);
                }
                delta.changed(to, done.changed());
                return null;
            }
            // the row moves, and its content with it: nothing is downloaded again
            Boolean replaced = jdbc(true, () -> MessageRows.relink(connection, fromId, fromUid, toId, toUid, updated));
            if (replaced == null) {
                throw notFound(from.account(), from.name(), "No message with UID " + fromUid);
            }
            delta.removedMessages(from, UidSet.of(fromUid));
            if (replaced) {
                delta.changed(to, UidSet.of(toUid));
            } else {
                delta.added(to, UidSet.of(toUid));
            }
            return null;
        });
    }

    @Override
    public void resetMailbox(MailboxRef mailbox, long newUidValidity, UidRemap keep) throws CoreException {
        MailboxSyncState initial = MailboxSyncState.initial(newUidValidity);
        run(mailbox.account(), mailbox.name(), () -> {
            long id = mailboxId(mailbox);
            UidSet[] result = jdbc(true, () -> MessageRows.reset(connection, id, keep));
            requireMailbox(mailbox).setSyncState(initial);
            delta.reset(mailbox, result[0], result[1]);
            return null;
        });
    }

    // ---- journal ----

    @Override
    public JournalEntry appendJournal(JournalEntry entry) throws CoreException {
        AccountId account = entry.mailbox().account();
        return run(account, entry.mailbox().name(), () -> {
            if (em.find(AccountEntity.class, account.value()) == null) {
                throw notFound(account, entry.mailbox().name(), "No such account");
            }
            JournalEntity e = new JournalEntity();
            e.set(entry);
            em.persist(e); // the sequence assigns the id now, ascending across every worker of the store
            delta.journal();
            return entry.withId(e.id());
        });
    }

    @Override
    public void updateJournal(JournalEntry entry) throws CoreException {
        run(entry.mailbox().account(), entry.mailbox().name(), () -> {
            JournalEntity e = em.find(JournalEntity.class, entry.id());
            if (e == null) {
                throw notFound(entry.mailbox().account(), entry.mailbox().name(), "No journal entry " + entry.id());
            }
            if (!e.accountId().equals(entry.mailbox().account().value())
                    && em.find(AccountEntity.class, entry.mailbox().account().value()) == null) {
                throw notFound(entry.mailbox().account(), entry.mailbox().name(), "No such account");
            }
            e.set(entry);
            delta.journal();
            return null;
        });
    }

    @Override
    public void removeJournal(long id) throws CoreException {
        run(null, null, () -> {
            JournalEntity e = em.find(JournalEntity.class, id);
            if (e == null) {
                throw notFound(null, null, "No journal entry " + id);
            }
            em.remove(e);
            delta.journal();
            return null;
        });
    }
}
