/* SPDX-License-Identifier: EPL-2.0 */
package io.tidemark.store.memory.internal;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.eclipse.core.runtime.CoreException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.model.Flags;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.JournalEntry;
import io.tidemark.store.api.MailStore;
import io.tidemark.store.api.MailboxCounts;
import io.tidemark.store.api.MailboxRecord;
import io.tidemark.store.api.MailboxSyncState;
import io.tidemark.store.api.MessageContent;
import io.tidemark.store.api.MessageLocation;
import io.tidemark.store.api.MessageOrder;
import io.tidemark.store.api.MessageRecord;
import io.tidemark.store.api.MessageVisitor;
import io.tidemark.store.api.StoreDelta;
import io.tidemark.store.api.StoreError;
import io.tidemark.store.api.StoreListener;
import io.tidemark.store.api.StoreStatus;
import io.tidemark.store.api.TransactionBody;

/**
 * The reference store: everything in memory, nothing on disk. It registers with {@code store.kind=memory}
 * and {@code service.ranking=-100}, so that a persistent store (ranking 0) is the default when both are
 * installed while this one still serves when it is alone.
 * <p>
 * <b>Snapshots.</b> The committed state is one immutable {@link Snapshot} held in a volatile field. A read
 * takes it once, so each read call sees one committed state, without locks. A write runs its body on a
 * {@link MemoryTransaction}, a copy-on-write view of the snapshot, under the write lock (one writer at a
 * time); the commit is the swap of the field. A failure anywhere leaves the old snapshot in place.
 * <p>
 * <b>Listeners.</b> Programmatic ({@link #addListener}) and whiteboard {@link StoreListener} services. Deltas
 * are queued at the commit, under the write lock, and delivered after it is released by a single delivering
 * thread at a time, so listeners see them in commit order; a writer returns once its delta is delivered.
 * <p>
 * <b>Memory.</b> About 64 bytes a message plus its packed text (see {@link StoredMessage}) and content.
 */
@Component(service = MailStore.class, property = { MailStore.KIND + "=memory", "service.ranking:Integer=-100" })
public class MemoryMailStore implements MailStore {

    private static final System.Logger LOG = System.getLogger(MemoryMailStore.class.getName());

    /** Flag sets are shared between messages up to this many distinct ones. */
    private static final int MAX_SHARED_FLAGS = 10_000;

    /** Longer leases are cut to this, which keeps {@link System#nanoTime()} arithmetic from overflowing. */
    private static final Duration MAX_TTL = Duration.ofDays(365L * 100);

    private final String location = "memory:" + Integer.toHexString(System.identityHashCode(this));
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock deliveryLock = new ReentrantLock();
    private final ConcurrentLinkedQueue<StoreDelta> outbox = new ConcurrentLinkedQueue<>();
    private final CopyOnWriteArrayList<StoreListener> listeners = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<Flags, Flags> sharedFlags = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<AccountId, Lease> leases = new ConcurrentHashMap<>();
    private final AtomicLong journalIds = new AtomicLong();
    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private volatile boolean closed;

    /** Who holds an account's lease, until when ({@link System#nanoTime()}). */
    private record Lease(String owner, long expiresAt) {
        boolean expired(long now) {
            return now - expiresAt >= 0;
        }
    }

    /** Creates an empty, open store. */
    public MemoryMailStore() {
        // DS calls this; the store is usable at once
    }

    /** Closes the store: every later call fails with {@link StoreError#CLOSED}; the data is dropped. */
    @Deactivate
    protected void deactivate() {
        closed = true;
        writeLock.lock();
        try {
            snapshot = Snapshot.EMPTY;
        } finally {
            writeLock.unlock();
        }
        leases.clear();
        listeners.clear();
        sharedFlags.clear();
    }

    /** Binds a whiteboard listener. */
    @Reference(name = "listener", service = StoreListener.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "removeWhiteboardListener")
    protected void addWhiteboardListener(StoreListener listener) {
        listeners.add(listener);
    }

    /** Unbinds a whiteboard listener. */
    protected void removeWhiteboardListener(StoreListener listener) {
        listeners.remove(listener);
    }

    // ---------------------------------------------------------------------------------------------------
    // Support for the transaction

    CoreException error(StoreError error, AccountId account, MailboxName mailbox, String message) {
        return StoreStatus.exception(error, account, mailbox, message + " (" + location + ")", null);
    }

    /** @return an instance equal to {@code flags}, shared with the messages that have the same flags */
    Flags share(Flags flags) {
        Flags shared = sharedFlags.get(flags);
        if (shared != null) {
            return shared;
        }
        if (sharedFlags.size() >= MAX_SHARED_FLAGS) {
            return flags;
        }
        shared = sharedFlags.putIfAbsent(flags, flags);
        return shared == null ? flags : shared;
    }

    /** @return a journal id above every one handed out before, committed or not */
    long nextJournalId() {
        return journalIds.incrementAndGet();
    }

    private Snapshot open() throws CoreException {
        Snapshot s = snapshot;
        if (closed) {
            throw error(StoreError.CLOSED, null, null, "the store is closed");
        }
        return s;
    }

    private static MailboxState mailbox(Snapshot s, MailboxRef ref) {
        return s.mailboxes().get(ref);
    }

    private MailboxState existing(Snapshot s, MailboxRef ref) throws CoreException {
        MailboxState m = s.mailboxes().get(ref);
        if (m == null) {
            throw error(StoreError.NOT_FOUND, ref.account(), ref.name(), "no such mailbox");
        }
        return m;
    }

    private void requireAccount(Snapshot s, AccountId account) throws CoreException {
        if (!s.accounts().containsKey(account)) {
            throw error(StoreError.NOT_FOUND, account, null, "no such account");
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // MailStore

    @Override
    public String location() {
        return location;
    }

    @Override
    public <T> T write(TransactionBody<T> body) throws CoreException {
        Objects.requireNonNull(body, "body");
        open();
        if (writeLock.isHeldByCurrentThread()) {
            throw error(StoreError.INVALID, null, null, "write() called inside a transaction body");
        }
        T result;
        writeLock.lock();
        try {
            Snapshot base = open();
            MemoryTransaction tx = new MemoryTransaction(this, base);
            try {
                result = body.run(tx);
            } finally {
                tx.end();
            }
            MemoryTransaction.Result committed = tx.commit();
            snapshot = committed.snapshot();
            for (AccountId removed : committed.removedAccounts()) {
                leases.remove(removed);
            }
            if (!committed.delta().isEmpty()) {
                outbox.add(committed.delta());
            }
        } finally {
            writeLock.unlock();
        }
        deliver();
        return result;
    }

    /** Delivers queued deltas in commit order; one thread at a time. */
    private void deliver() {
        // Taken even when the queue looks empty: another thread may be delivering this writer's delta, and
        // the writer returns only after it has been delivered.
        deliveryLock.lock();
        try {
            StoreDelta delta;
            while ((delta = outbox.poll()) != null) {
                for (StoreListener l : listeners) {
                    try {
                        l.committed(delta);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "StoreListener " + l.getClass().getName() + " failed on a delta of "
                                + location + "; ignored", e);
                    }
                }
            }
        } finally {
            deliveryLock.unlock();
        }
    }

    @Override
    public List<AccountConfig> accounts() throws CoreException {
        return List.copyOf(open().accounts().values());
    }

    @Override
    public Optional<AccountConfig> account(AccountId id) throws CoreException {
        return Optional.ofNullable(open().accounts().get(id));
    }

    @Override
    public List<MailboxRecord> mailboxes(AccountId account) throws CoreException {
        Snapshot s = open();
        requireAccount(s, account);
        return s.mailboxesOf(account).stream().map(MailboxState::record).toList();
    }

    @Override
    public Optional<MailboxRecord> mailbox(MailboxRef ref) throws CoreException {
        MailboxState m = mailbox(open(), ref);
        return m == null ? Optional.empty() : Optional.of(m.record());
    }

    @Override
    public Optional<MailboxSyncState> syncState(MailboxRef ref) throws CoreException {
        MailboxState m = mailbox(open(), ref);
        return m == null ? Optional.empty() : Optional.ofNullable(m.sync());
    }

    @Override
    public Optional<MessageRecord> message(MailboxRef ref, long uid) throws CoreException {
        MailboxState m = mailbox(open(), ref);
        StoredMessage stored = m == null ? null : m.messages().get(uid);
        return stored == null ? Optional.empty() : Optional.of(stored.toRecord());
    }

    @Override
    public UidSet uids(MailboxRef ref) throws CoreException {
        return existing(open(), ref).messages().uids();
    }

    @Override
    public long scan(MailboxRef ref, UidSet range, MessageVisitor visitor) throws CoreException {
        Objects.requireNonNull(visitor, "visitor");
        MessageTable table = existing(open(), ref).messages();
        // the table is immutable: the scan sees one snapshot however long the visitor takes
        return table.scan(range, m -> visitor.visit(m.toRecord()));
    }

    @Override
    public List<MessageRecord> page(MailboxRef ref, MessageOrder order, int offset, int limit)
            throws CoreException {
        Objects.requireNonNull(order, "order");
        Snapshot s = open();
        if (offset < 0 || limit < 1) {
            throw error(StoreError.INVALID, ref.account(), ref.name(),
                    "page needs offset >= 0 and limit >= 1, not " + offset + " and " + limit);
        }
        List<StoredMessage> rows = existing(s, ref).messages().page(order, offset, limit);
        List<MessageRecord> out = new ArrayList<>(rows.size());
        for (StoredMessage m : rows) {
            out.add(m.toRecord());
        }
        return out;
    }

    @Override
    public MailboxCounts counts(MailboxRef ref) throws CoreException {
        MessageTable t = existing(open(), ref).messages();
        return new MailboxCounts(t.visible(), t.unseenVisible());
    }

    @Override
    public List<MessageLocation> findByEmailId(AccountId account, String emailId) throws CoreException {
        return find(account, emailId, true);
    }

    @Override
    public List<MessageLocation> findByMessageId(AccountId account, String messageId) throws CoreException {
        return find(account, messageId, false);
    }

    private List<MessageLocation> find(AccountId account, String id, boolean email) throws CoreException {
        Snapshot s = open();
        requireAccount(s, account);
        List<MessageLocation> out = new ArrayList<>();
        for (MailboxState m : s.mailboxesOf(account)) {
            List<StoredMessage> found = email ? m.messages().findByEmailId(id) : m.messages().findByMessageId(id);
            for (StoredMessage f : found) {
                out.add(new MessageLocation(m.record().ref(), f.toRecord()));
            }
        }
        return out;
    }

    @Override
    public Optional<MessageContent> content(MailboxRef ref, long uid) throws CoreException {
        MailboxState m = mailbox(open(), ref);
        StoredMessage stored = m == null ? null : m.messages().get(uid);
        return stored == null ? Optional.empty() : Optional.ofNullable(stored.content);
    }

    @Override
    public List<JournalEntry> journal(AccountId account) throws CoreException {
        Snapshot s = open();
        requireAccount(s, account);
        return List.copyOf(s.journalOf(account).values());
    }

    @Override
    public boolean tryLease(AccountId account, String owner, Duration ttl) throws CoreException {
        Snapshot s = open();
        if (owner == null || owner.isBlank() || ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw error(StoreError.INVALID, account, null, "a lease needs an owner and a positive duration");
        }
        requireAccount(s, account);
        long now = System.nanoTime();
        long expiresAt = now + (ttl.compareTo(MAX_TTL) > 0 ? MAX_TTL.toNanos() : ttl.toNanos());
        Lease result = leases.compute(account, (k, current) -> current == null || current.owner().equals(owner)
                || current.expired(now) ? new Lease(owner, expiresAt) : current);
        if (!snapshot.accounts().containsKey(account)) {
            // the account was removed meanwhile; its commit may have cleared the leases before we added one
            leases.remove(account, result);
            throw error(StoreError.NOT_FOUND, account, null, "no such account");
        }
        return result.owner().equals(owner);
    }

    /** Gives up the lease; does nothing if another owner holds it or the account no longer exists. */
    @Override
    public void releaseLease(AccountId account, String owner) throws CoreException {
        open();
        leases.computeIfPresent(account, (k, current) -> current.owner().equals(owner) ? null : current);
    }

    @Override
    public void addListener(StoreListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(StoreListener listener) {
        listeners.remove(listener);
    }

    @Override
    public String toString() {
        return "MemoryMailStore[" + location + "]";
    }
}
