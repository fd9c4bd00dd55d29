/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.CoreException;
import org.osgi.annotation.versioning.ProviderType;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.UidSet;

/**
 * Where replicas live: accounts, mailboxes with their sync state, messages, content and the journal of
 * local changes. The store SPI.
 * <p>
 * Implementations are DS services with a {@link #KIND} property ({@code jpa} is the default with
 * {@code service.ranking=0}; {@code memory} is the reference implementation). A bundle replaces the store by
 * registering one with a higher ranking; an administrator pins one through a consumer's
 * {@code store.target} property.
 * <p>
 * <b>Threading.</b> Thread-safe. Writes run one transaction at a time per store (or per account, as the
 * implementation allows). Reads see committed data only: each read call sees one committed snapshot and
 * never a transaction in progress.
 * <p>
 * <b>I/O.</b> Every method may touch the disk or network (a shared database); none is meant for a UI thread
 * except with small pages.
 * <p>
 * <b>Errors.</b> {@link CoreException} with a {@link StoreStatus}. A failed write leaves the store as it was.
 *
 * @since 0.1
 */
@ProviderType
public interface MailStore {

    /** The service property naming the implementation, e.g. {@code jpa}, {@code memory}. */
    String KIND = "store.kind";

    /** @return where the data lives, for messages and status output (a path, a JDBC URL without password) */
    String location();

    /**
     * Runs {@code body} as one atomic transaction and commits it; then, after the commit and outside locks,
     * tells the listeners what changed.
     *
     * @return what the body returned
     * @throws CoreException what the body threw (after rolling back), or a {@link StoreStatus} if the commit
     *             failed (rolled back)
     */
    <T> T write(TransactionBody<T> body) throws CoreException;

    /** @return every account's configuration, by id */
    List<AccountConfig> accounts() throws CoreException;

    /** @return the account's configuration */
    Optional<AccountConfig> account(AccountId id) throws CoreException;

    /** @return the account's mailboxes, INBOX first, then by name */
    List<MailboxRecord> mailboxes(AccountId account) throws CoreException;

    /** @return the mailbox's record */
    Optional<MailboxRecord> mailbox(MailboxRef mailbox) throws CoreException;

    /** @return the mailbox's sync state; empty if it was never synced */
    Optional<MailboxSyncState> syncState(MailboxRef mailbox) throws CoreException;

    /** @return the message with this UID in the current epoch, hidden or not */
    Optional<MessageRecord> message(MailboxRef mailbox, long uid) throws CoreException;

    /** @return the UIDs of every message held, hidden ones included */
    UidSet uids(MailboxRef mailbox) throws CoreException;

    /**
     * Streams the messages whose UIDs lie in {@code range}, hidden ones included, in ascending UID order,
     * holding at most a bounded batch in memory however large the mailbox.
     *
     * @return the number of messages visited
     */
    long scan(MailboxRef mailbox, UidSet range, MessageVisitor visitor) throws CoreException;

    /**
     * One page of visible messages in the given order, without loading the mailbox: what a message list shows.
     *
     * @param offset the first row, from 0
     * @param limit the most rows, at least 1
     */
    List<MessageRecord> page(MailboxRef mailbox, MessageOrder order, int offset, int limit) throws CoreException;

    /** @return counts of the visible messages */
    MailboxCounts counts(MailboxRef mailbox) throws CoreException;

    /** @return the messages of the account with this EMAILID, in any mailbox */
    List<MessageLocation> findByEmailId(AccountId account, String emailId) throws CoreException;

    /** @return the messages of the account with this Message-ID, in any mailbox */
    List<MessageLocation> findByMessageId(AccountId account, String messageId) throws CoreException;

    /** @return the content held for a message */
    Optional<MessageContent> content(MailboxRef mailbox, long uid) throws CoreException;

    /** @return the account's journal entries, ascending by id */
    List<JournalEntry> journal(AccountId account) throws CoreException;

    /**
     * Takes or renews the right to sync an account, so that two workers sharing a store never sync the same
     * account at once. A lease held by {@code owner} is renewed; one held by another owner blocks until it
     * expires.
     *
     * @param owner a name unique to the worker (host and process)
     * @param ttl how long the lease lasts without renewal
     * @return true if {@code owner} now holds the lease
     */
    boolean tryLease(AccountId account, String owner, Duration ttl) throws CoreException;

    /** Gives up a lease held by {@code owner}; does nothing if another owner holds it. */
    void releaseLease(AccountId account, String owner) throws CoreException;

    /** Registers a listener for committed deltas. */
    void addListener(StoreListener listener);

    /** Removes a listener. */
    void removeListener(StoreListener listener);
}
