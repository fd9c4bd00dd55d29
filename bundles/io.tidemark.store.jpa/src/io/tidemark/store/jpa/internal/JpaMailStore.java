/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;

import org.eclipse.core.runtime.CoreException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
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
 * The default store: EclipseLink JPA on an embedded H2 file database, or on a shared PostgreSQL database.
 * <p>
 * As a DS component it is configured through ConfigAdmin (PID {@value #PID}, see {@link JpaStoreConfig}) and
 * opens the database on first use, so that a locked, unwritable or unreachable database is reported to the
 * caller as a {@link StoreStatus} naming the location, call after call until it becomes usable, instead of a
 * component that silently fails to activate. Tests and tools outside OSGi construct it from
 * {@link StoreSettings} directly.
 * <p>
 * Writes are serialized per store instance (several processes sharing PostgreSQL are serialized by its row
 * locks). Deltas are posted after the commit, outside the write lock, in commit order, to listeners added by
 * {@link #addListener} and to {@link StoreListener} services (whiteboard).
 */
@Component(service = MailStore.class, configurationPid = JpaMailStore.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = { MailStore.KIND + "=jpa", "service.ranking:Integer=0" })
@Designate(ocd = JpaStoreConfig.class)
public class JpaMailStore implements MailStore {

    /** The configuration PID. */
    public static final String PID = "io.tidemark.store.jpa";

    private static final System.Logger LOG = System.getLogger(JpaMailStore.class.getName());

    private final List<StoreListener> listeners = new CopyOnWriteArrayList<>();

    /** Readers and writers hold the read side; closing takes the write side and waits for them. */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final ReentrantLock writeLock = new ReentrantLock(true);
    /** Taken before the write lock is released and held while posting: deltas leave in commit order. */
    private final ReentrantLock postLock = new ReentrantLock(true);
    private final ThreadLocal<JpaTransaction> current = new ThreadLocal<>();

    private volatile StoreSettings settings;
    private volatile CoreException settingsError;
    private Database database; // guarded by this
    private volatile boolean closed;

    /** For DS: the settings come with {@link #activate}. */
    public JpaMailStore() {
    }

    /** A store outside DS (tests, tools): the database opens on first use, or with {@link #open()}. */
    JpaMailStore(StoreSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Activate
    void activate(BundleContext context, JpaStoreConfig config) {
        try {
            settings = StoreSettings.of(config, context.getProperty(StoreSettings.DATA_FOLDER),
                    context.getProperty(StoreSettings.INSTANCE_AREA), System.getenv());
            LOG.log(Level.DEBUG, "Tidemark store: {0}", settings); // StoreSettings.toString leaves the password out
        } catch (CoreException e) {
            // reported by every call, so that users see it where they act
            settingsError = e;
        }
    }

    @Deactivate
    void deactivate() {
        close();
    }

    /** Whiteboard: StoreListener services are told about commits like listeners added in code. */
    @Reference(service = StoreListener.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void bindListener(StoreListener listener) {
        addListener(listener);
    }

    void unbindListener(StoreListener listener) {
        removeListener(listener);
    }

    /**
     * Opens the database now (it otherwise opens on first use).
     *
     * @throws CoreException as any call would
     */
    void open() throws CoreException {
        lifecycle.readLock().lock();
        try {
            database();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Closes the database after the calls in progress; later calls fail with {@link StoreError#CLOSED}. */
    void close() {
        lifecycle.writeLock().lock();
        try {
            closed = true;
            synchronized (this) {
                if (database != null) {
                    database.close();
                    database = null;
                }
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    /** @return the open database; opens it on first use (and again after a failed attempt) */
    private synchronized Database database() throws CoreException {
        if (closed) {
            throw StoreStatus.exception(StoreError.CLOSED, null, null,
                    "The store" + (settings == null ? "" : " at " + settings.location()) + " is closed", null);
        }
        if (settingsError != null) {
            throw settingsError;
        }
        if (database == null) {
            database = Database.open(settings);
            if (database.foundVersion() != 0 && database.foundVersion() < Schema.CURRENT) {
                LOG.log(Level.INFO, "Tidemark store at {0} migrated from schema version {1} to {2}",
                        settings.location(), database.foundVersion(), Schema.CURRENT);
            }
        }
        return database;
    }

    /** @return the database of an open store; for tests of this bundle */
    Database openDatabase() throws CoreException {
        return database();
    }

    @Override
    public String location() {
        StoreSettings s = settings;
        return s == null ? "(not configured)" : s.location();
    }

    // ---- writes ----

    @Override
    public <T> T write(TransactionBody<T> body) throws CoreException {
        Objects.requireNonNull(body, "body");
        if (current.get() != null) {
            // a nested write would wait for row locks its own outer transaction holds
            throw StoreStatus.exception(StoreError.INVALID, null, null,
                    "write() called inside a transaction body: use the transaction handed to the body", null);
        }
        lifecycle.readLock().lock();
        try {
            Database db = database();
            T result;
            StoreDelta delta;
            writeLock.lock();
            try {
                EntityManager em = db.factory().createEntityManager();
                JpaTransaction tx = null;
                CoreException failure = null;
                try {
                    EntityTransaction et = em.getTransaction();
                    try {
                        et.begin();
                        // one connection for the entities and the JDBC batches from here to the commit
                        Connection c = em.unwrap(Connection.class);
                        tx = new JpaTransaction(em, c, location());
                    } catch (PersistenceException e) {
                        throw StoreErrors.map(e, location(), "Writing to", null, null);
                    }
                    current.set(tx);
                    result = body.run(tx);
                    try {
                        tx.finish();
                        et.commit();
                    } catch (PersistenceException e) {
                        throw StoreErrors.map(e, location(), "Committing to", null, null);
                    }
                    delta = tx.delta();
                } catch (CoreException e) {
                    failure = e;
                    throw e;
                } finally {
                    current.remove();
                    if (tx != null) {
                        tx.close();
                    }
                    rollbackQuietly(em);
                    em.close();
                    if (failure != null) {
                        dropIfBroken(db, failure);
                    }
                }
                postLock.lock();
            } finally {
                writeLock.unlock();
            }
            try {
                if (!delta.isEmpty()) {
                    post(delta);
                }
            } finally {
                postLock.unlock();
            }
            return result;
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * After a failure that may have taken the database down (H2 closes a file database on an I/O error such as a
     * full disk), probes it and, if it no longer answers, lets it go: the next call opens it again, so a store
     * recovers once the disk has room again without being restarted.
     */
    private void dropIfBroken(Database db, CoreException e) {
        StoreError error = StoreStatus.errorOf(e);
        if (error != StoreError.IO && error != StoreError.DISK_FULL && error != StoreError.CORRUPT
                && error != StoreError.UNWRITABLE) {
            return;
        }
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement("SELECT 1")) {
            p.executeQuery().close();
        } catch (SQLException | RuntimeException probe) {
            synchronized (this) {
                if (database == db) {
                    database = null;
                    LOG.log(Level.WARNING, "The store at {0} stopped answering after {1}; it is opened again on"
                            + " the next call", location(), error);
                    try {
                        db.close(false);
                    } catch (RuntimeException closing) {
                        LOG.log(Level.DEBUG, "Closing the failed database failed", closing);
                    }
                }
            }
        }
    }

    private static void rollbackQuietly(EntityManager em) {
        try {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "Rollback failed", e); // the failure that caused it is what the caller gets
        }
    }

    private void post(StoreDelta delta) {
        for (StoreListener l : listeners) {
            try {
                l.committed(delta);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Store listener " + l.getClass().getName() + " failed; ignored", e);
            }
        }
    }

    @Override
    public void addListener(StoreListener listener) {
        Objects.requireNonNull(listener, "listener");
        ((CopyOnWriteArrayList<StoreListener>) listeners).addIfAbsent(listener);
    }

    @Override
    public void removeListener(StoreListener listener) {
        listeners.remove(listener);
    }

    // ---- reads ----

    @FunctionalInterface
    private interface JpaRead<T> {
        T run(EntityManager em) throws CoreException;
    }

    @FunctionalInterface
    private interface JdbcRead<T> {
        T run(Connection c) throws SQLException, CoreException;
    }

    /** One read through an EntityManager (one query: one committed snapshot). */
    private <T> T readJpa(AccountId account, MailboxName mailbox, JpaRead<T> read) throws CoreException {
        lifecycle.readLock().lock();
        try {
            Database db = database();
            CoreException failure = null;
            EntityManager em = db.factory().createEntityManager();
            try {
                return read.run(em);
            } catch (PersistenceException | Codec.Damaged e) {
                failure = StoreErrors.map(e, location(), "Reading", account, mailbox);
                throw failure;
            } finally {
                em.close();
                if (failure != null) {
                    dropIfBroken(db, failure);
                }
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * One read in plain JDBC, in a repeatable-read transaction: the statements of one call see one committed
     * snapshot, whatever commits meanwhile.
     */
    private <T> T readJdbc(AccountId account, MailboxName mailbox, JdbcRead<T> read) throws CoreException {
        lifecycle.readLock().lock();
        try {
            Database db = database();
            try (Connection c = db.connection()) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                try {
                    T result = read.run(c);
                    c.commit();
                    return result;
                } finally {
                    try {
                        c.rollback();
                        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                        c.setAutoCommit(true);
                    } catch (SQLException e) {
                        LOG.log(Level.DEBUG, "Resetting a pooled connection failed", e);
                    }
                }
            } catch (SQLException | PersistenceException | Codec.Damaged e) {
                CoreException mapped = StoreErrors.map(e, location(), "Reading", account, mailbox);
                dropIfBroken(db, mapped);
                throw mapped;
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private CoreException notFound(AccountId account, MailboxName mailbox, String what) {
        return StoreStatus.exception(StoreError.NOT_FOUND, account, mailbox, what + " in the store at " + location(),
                null);
    }

    /** @return the mailbox's id @throws CoreException {@link StoreError#NOT_FOUND} naming account and mailbox */
    private long requireMailboxId(Connection c, MailboxRef ref) throws SQLException, CoreException {
        Long id = mailboxId(c, ref);
        if (id == null) {
            throw notFound(ref.account(), ref.name(), "No such mailbox");
        }
        return id;
    }

    private static boolean accountExists(Connection c, AccountId account) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM tm_account WHERE id = ?")) {
            p.setString(1, account.value());
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }

    private void requireAccount(EntityManager em, AccountId account) throws CoreException {
        if (em.find(AccountEntity.class, account.value()) == null) {
            throw notFound(account, null, "No such account");
        }
    }

    private static Long mailboxId(Connection c, MailboxRef ref) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM tm_mailbox WHERE account_id = ? AND name = ?")) {
            p.setString(1, ref.account().value());
            p.setString(2, ref.name().value());
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getLong(1) : null;
            }
        }
    }

    private static MailboxEntity findMailbox(EntityManager em, MailboxRef ref) {
        List<MailboxEntity> found = em.createQuery(
                "SELECT m FROM MailboxEntity m WHERE m.accountId = :a AND m.name = :n", MailboxEntity.class)
                .setParameter("a", ref.account().value())
                .setParameter("n", ref.name().value())
                .getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    @Override
    public List<AccountConfig> accounts() throws CoreException {
        return readJpa(null, null, em -> {
            List<AccountConfig> out = new ArrayList<>();
            for (AccountEntity e : em.createQuery("SELECT a FROM AccountEntity a", AccountEntity.class)
                    .getResultList()) {
                out.add(e.toModel());
            }
            // sorted here, not by SQL: a PostgreSQL collation would order differently from AccountId
            out.sort(Comparator.comparing(AccountConfig::id));
            return out;
        });
    }

    @Override
    public Optional<AccountConfig> account(AccountId id) throws CoreException {
        return readJpa(id, null,
                em -> Optional.ofNullable(em.find(AccountEntity.class, id.value())).map(AccountEntity::toModel));
    }

    @Override
    public List<MailboxRecord> mailboxes(AccountId account) throws CoreException {
        return readJpa(account, null, em -> {
            requireAccount(em, account);
            List<MailboxRecord> out = new ArrayList<>();
            for (MailboxEntity m : em.createQuery("SELECT m FROM MailboxEntity m WHERE m.accountId = :a",
                    MailboxEntity.class).setParameter("a", account.value()).getResultList()) {
                out.add(m.toRecord());
            }
            out.sort(Comparator.comparing(r -> r.ref().name())); // INBOX first, then by name
            return out;
        });
    }

    @Override
    public Optional<MailboxRecord> mailbox(MailboxRef mailbox) throws CoreException {
        return readJpa(mailbox.account(), mailbox.name(),
                em -> Optional.ofNullable(findMailbox(em, mailbox)).map(MailboxEntity::toRecord));
    }

    @Override
    public Optional<MailboxSyncState> syncState(MailboxRef mailbox) throws CoreException {
        return readJpa(mailbox.account(), mailbox.name(),
                em -> Optional.ofNullable(findMailbox(em, mailbox)).map(MailboxEntity::syncState));
    }

    @Override
    public Optional<MessageRecord> message(MailboxRef mailbox, long uid) throws CoreException {
        return readJpa(mailbox.account(), mailbox.name(), em -> {
            List<MessageEntity> found = em.createQuery("SELECT m FROM MessageEntity m, MailboxEntity b"
                    + " WHERE m.mailboxId = b.id AND b.accountId = :a AND b.name = :n AND m.uid = :u",
                    MessageEntity.class)
                    .setParameter("a", mailbox.account().value())
                    .setParameter("n", mailbox.name().value())
                    .setParameter("u", uid)
                    .getResultList();
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0).toRecord());
        });
    }

    @Override
    public UidSet uids(MailboxRef mailbox) throws CoreException {
        return readJdbc(mailbox.account(), mailbox.name(), c -> {
            return MessageRows.uids(c, requireMailboxId(c, mailbox));
        });
    }

    @Override
    public long scan(MailboxRef mailbox, UidSet range, MessageVisitor visitor) throws CoreException {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(visitor, "visitor");
        return readJdbc(mailbox.account(), mailbox.name(), c -> {
            return MessageRows.scan(c, requireMailboxId(c, mailbox), range, visitor);
        });
    }

    @Override
    public List<MessageRecord> page(MailboxRef mailbox, MessageOrder order, int offset, int limit)
            throws CoreException {
        Objects.requireNonNull(order, "order");
        if (offset < 0 || limit < 1) {
            throw StoreStatus.exception(StoreError.INVALID, mailbox.account(), mailbox.name(),
                    "A page needs an offset of at least 0 and a limit of at least 1, not " + offset + " and " + limit,
                    null);
        }
        return readJdbc(mailbox.account(), mailbox.name(), c -> {
            return MessageRows.page(c, settings.backend(), requireMailboxId(c, mailbox), order, offset, limit);
        });
    }

    @Override
    public MailboxCounts counts(MailboxRef mailbox) throws CoreException {
        return readJdbc(mailbox.account(), mailbox.name(), c -> {
            return MessageRows.counts(c, requireMailboxId(c, mailbox));
        });
    }

    @Override
    public List<MessageLocation> findByEmailId(AccountId account, String emailId) throws CoreException {
        return find(account, "email_id", emailId);
    }

    @Override
    public List<MessageLocation> findByMessageId(AccountId account, String messageId) throws CoreException {
        return find(account, "message_id", messageId);
    }

    private List<MessageLocation> find(AccountId account, String column, String value) throws CoreException {
        return readJdbc(account, null, c -> {
            if (!accountExists(c, account)) {
                throw notFound(account, null, "No such account");
            }
            if (value == null) {
                return List.<MessageLocation>of();
            }
            return MessageRows.findBy(c, account, column, value);
        });
    }

    @Override
    public Optional<MessageContent> content(MailboxRef mailbox, long uid) throws CoreException {
        return readJpa(mailbox.account(), mailbox.name(), em -> {
            List<ContentEntity> found = em.createQuery("SELECT c FROM ContentEntity c, MailboxEntity b"
                    + " WHERE c.mailboxId = b.id AND b.accountId = :a AND b.name = :n AND c.uid = :u",
                    ContentEntity.class)
                    .setParameter("a", mailbox.account().value())
                    .setParameter("n", mailbox.name().value())
                    .setParameter("u", uid)
                    .getResultList();
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0).toModel());
        });
    }

    @Override
    public List<JournalEntry> journal(AccountId account) throws CoreException {
        return readJpa(account, null, em -> {
            requireAccount(em, account);
            return em.createQuery("SELECT j FROM JournalEntity j WHERE j.accountId = :a ORDER BY j.id",
                    JournalEntity.class)
                    .setParameter("a", account.value())
                    .getResultList().stream().map(JournalEntity::toModel).toList();
        });
    }

    // ---- leases ----

    @Override
    public boolean tryLease(AccountId account, String owner, Duration ttl) throws CoreException {
        if (owner == null || owner.isEmpty()) {
            throw new IllegalArgumentException("A lease owner needs a name"); // "" marks a free lease row
        }
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("A lease needs a positive time to live: " + ttl);
        }
        return lease(account, em -> {
            requireAccount(em, account);
            long now = Codec.nanos(databaseNow(em));
            long expires = Codec.nanos(Codec.instant(now).plus(ttl));
            // FOR UPDATE: of two workers racing for one account, the second waits and then sees the first's lease
            LeaseEntity l = em.find(LeaseEntity.class, account.value(), LockModeType.PESSIMISTIC_WRITE);
            if (l == null) {
                // an account from a version 1 store has no lease row yet; a racing worker may insert it first
                // (then this commit fails on the duplicate key and the lease goes to the other worker)
                l = new LeaseEntity(account.value());
                l.hold(owner, expires);
                em.persist(l);
                return true;
            }
            if (l.owner().equals(owner) || l.expires() <= now) {
                l.hold(owner, expires);
                return true;
            }
            return false;
        });
    }

    @Override
    public void releaseLease(AccountId account, String owner) throws CoreException {
        Objects.requireNonNull(owner, "owner");
        // the row stays (free) for the next worker to update; see JpaTransaction.putAccount
        lease(account, em -> em.createQuery("UPDATE LeaseEntity l SET l.owner = '', l.expires = :free"
                + " WHERE l.accountId = :a AND l.owner = :o")
                .setParameter("free", Long.MIN_VALUE)
                .setParameter("a", account.value())
                .setParameter("o", owner)
                .executeUpdate() > 0);
    }

    /** The database's clock, shared by every worker of a shared store. */
    private static Instant databaseNow(EntityManager em) throws CoreException {
        Connection c = em.unwrap(Connection.class);
        try (PreparedStatement p = c.prepareStatement("SELECT CURRENT_TIMESTAMP");
                ResultSet r = p.executeQuery()) {
            r.next();
            return r.getObject(1, OffsetDateTime.class).toInstant();
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
    }

    private boolean lease(AccountId account, JpaRead<Boolean> work) throws CoreException {
        lifecycle.readLock().lock();
        try {
            EntityManager em = database().factory().createEntityManager();
            try {
                em.getTransaction().begin();
                boolean result = work.run(em);
                em.getTransaction().commit();
                return result;
            } catch (PersistenceException e) {
                if (StoreErrors.classify(e) == StoreError.INVALID) {
                    return false; // another worker inserted the lease between our read and our insert
                }
                throw StoreErrors.map(e, location(), "Leasing in", account, null);
            } finally {
                rollbackQuietly(em);
                em.close();
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "JpaMailStore[" + location() + "]";
    }

    /** For tests: the settings in use. */
    StoreSettings settings() {
        return settings;
    }
}
