/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.osgi.annotation.versioning.ProviderType;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.Flags;
import io.tidemark.model.MailboxInfo;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxStatus;
import io.tidemark.model.TrafficCounters;
import io.tidemark.model.UidSet;

/**
 * One authenticated IMAP connection.
 * <p>
 * <b>Threading.</b> A session is used by one thread at a time; commands are not thread-safe. Only
 * {@link #abort()}, {@link #wakeUp()}, {@link #counters()} and {@link #isOpen()} may be called from any
 * thread.
 * <p>
 * <b>I/O.</b> Every command method blocks on the network until the server's tagged response, bounded by
 * the account's read timeout. Each checks its monitor before and while it reads; cancellation aborts the
 * connection (the session is unusable afterwards) and throws {@link ImapError#CANCELED}.
 * <p>
 * <b>Errors.</b> Every failure is a {@link CoreException} with an {@link ImapStatus}; library exceptions never
 * escape. After a {@link ImapError#retryable() network-class} failure the session is closed.
 * <p>
 * <b>Streaming.</b> Results that grow with the mailbox go to a {@link MessageSink} as they are parsed. Every
 * FETCH, STORE, SEARCH and EXPUNGE is one command for the given set (split only where the set's text would
 * pass the command-length limit); callers choose windows.
 * <p>
 * <b>Events.</b> Untagged EXISTS, EXPUNGE, VANISHED and FETCH responses that do not answer the running command
 * go to the {@link SessionOptions#events() listener} given at open, in order, never dropped.
 *
 * @since 0.1
 */
@ProviderType
public interface ImapSession extends AutoCloseable {

    /** @return the account this session is logged in to */
    AccountConfig account();

    /** @return the capabilities, as re-read after authentication, and what ENABLE turned on */
    Capabilities capabilities();

    /** @return bytes and commands so far; thread-safe, cheap */
    TrafficCounters counters();

    /** @return whether the connection is still usable */
    boolean isOpen();

    /** @return the selected mailbox, if any */
    Optional<MailboxName> selected();

    /**
     * LIST (with SPECIAL-USE attributes, and LIST-STATUS counters when requested and offered).
     *
     * @return the mailboxes, in server order
     */
    List<MailboxInfo> list(ListRequest request, IProgressMonitor monitor) throws CoreException;

    /**
     * STATUS (MESSAGES UIDNEXT UIDVALIDITY UNSEEN [HIGHESTMODSEQ]).
     *
     * @throws CoreException {@link ImapError#MAILBOX_MISSING} if there is no such mailbox
     */
    MailboxStatus status(MailboxName mailbox, IProgressMonitor monitor) throws CoreException;

    /** CREATE. */
    void create(MailboxName mailbox, IProgressMonitor monitor) throws CoreException;

    /** RENAME. */
    void rename(MailboxName from, MailboxName to, IProgressMonitor monitor) throws CoreException;

    /** DELETE. */
    void delete(MailboxName mailbox, IProgressMonitor monitor) throws CoreException;

    /** SUBSCRIBE or UNSUBSCRIBE. */
    void subscribe(MailboxName mailbox, boolean subscribe, IProgressMonitor monitor) throws CoreException;

    /**
     * SELECT or EXAMINE, with CONDSTORE or QRESYNC parameters.
     *
     * @param changes receives the FETCH (FLAGS MODSEQ) responses and {@code VANISHED (EARLIER)} UIDs that a
     *            QRESYNC SELECT carries; may be {@link MessageSink#NONE} otherwise
     * @return the mailbox's counters
     * @throws CoreException {@link ImapError#MAILBOX_MISSING} if there is no such mailbox;
     *             {@link ImapError#CAPABILITY_MISSING} for QRESYNC parameters on a session without QRESYNC
     */
    SelectResult select(MailboxName mailbox, SelectOptions options, MessageSink changes, IProgressMonitor monitor)
            throws CoreException;

    /** Leaves the selected mailbox without expunging (UNSELECT, or an equivalent). */
    void unselect(IProgressMonitor monitor) throws CoreException;

    /**
     * UID FETCH over exactly {@code uids}, written with explicit bounds (never {@code *}).
     *
     * @param uids the UIDs; UIDs the mailbox does not hold are simply absent from the results
     * @param spec what to fetch, with optional CHANGEDSINCE/VANISHED
     * @param sink receives one {@link FetchedMessage} per message in {@code uids}, in server order, and
     *            VANISHED (EARLIER) UIDs for {@link FetchSpec#vanished()}
     */
    void fetch(UidSet uids, FetchSpec spec, MessageSink sink, IProgressMonitor monitor) throws CoreException;

    /**
     * FETCH by message sequence numbers (not UIDs): what a sequence bisection needs to find expunges.
     *
     * @param seqs sequence numbers
     * @param spec what to fetch (UID is always included)
     * @param sink receives one message per sequence number that exists
     */
    void fetchSequences(UidSet seqs, FetchSpec spec, MessageSink sink, IProgressMonitor monitor)
            throws CoreException;

    /**
     * UID SEARCH, as ESEARCH {@code RETURN (ALL)} when offered so that the answer is a compact set.
     *
     * @return the matching UIDs
     */
    UidSet search(SearchKey key, IProgressMonitor monitor) throws CoreException;

    /**
     * UID STORE, optionally with {@code (UNCHANGEDSINCE m)}.
     *
     * @param op add, remove or replace
     * @param flags the flags and keywords to store
     * @param unchangedSince if above zero, store only on messages whose MODSEQ is at most this (CONDSTORE)
     * @param sink receives the resulting FETCH responses (new FLAGS and MODSEQ); the command is sent
     *            {@code .SILENT} when the sink is {@link MessageSink#NONE}
     * @return the UIDs reported in {@code [MODIFIED]}
     */
    StoreResult store(UidSet uids, FlagOperation op, Flags flags, long unchangedSince, MessageSink sink,
            IProgressMonitor monitor) throws CoreException;

    /**
     * UID EXPUNGE of exactly these UIDs (UIDPLUS). There is deliberately no plain EXPUNGE: it would remove
     * other clients' {@code \Deleted} messages (RFC 4549 §4.2.4).
     *
     * @return the UIDs the server reported as expunged
     * @throws CoreException {@link ImapError#CAPABILITY_MISSING} without UIDPLUS
     */
    UidSet expunge(UidSet uids, IProgressMonitor monitor) throws CoreException;

    /**
     * UID COPY.
     *
     * @return the COPYUID mapping, if the server sent one
     */
    Optional<CopyUid> copy(UidSet uids, MailboxName target, IProgressMonitor monitor) throws CoreException;

    /**
     * UID MOVE (RFC 6851).
     *
     * @return the COPYUID mapping, if the server sent one
     * @throws CoreException {@link ImapError#CAPABILITY_MISSING} without MOVE
     */
    Optional<CopyUid> move(UidSet uids, MailboxName target, IProgressMonitor monitor) throws CoreException;

    /**
     * APPEND one message.
     *
     * @param flags flags to set, may be empty
     * @param internalDate the INTERNALDATE to give it, or null for the server's clock
     * @param message the RFC 5322 message with CRLF line ends
     * @return the APPENDUID, if the server sent one
     */
    Optional<AppendUid> append(MailboxName mailbox, Flags flags, Instant internalDate, byte[] message,
            IProgressMonitor monitor) throws CoreException;

    /**
     * IDLE on the selected mailbox until {@code listener} returns false, {@link #wakeUp()} is called, the
     * monitor is canceled, or {@code maxDuration} passes. The transport ends and re-issues IDLE every
     * {@code reissueEvery} so the server's inactivity timeout (RFC 2177: 30 minutes) never fires.
     *
     * @param listener receives each event; returns false to stop
     * @param reissueEvery how often to send DONE and IDLE again, e.g. 25 minutes
     * @param maxDuration the longest time to stay in this call
     * @return why it returned; the session is out of IDLE and usable unless CANCELED
     * @throws CoreException {@link ImapError#CAPABILITY_MISSING} without IDLE, or a network failure
     */
    IdleEnd idle(IdleListener listener, Duration reissueEvery, Duration maxDuration, IProgressMonitor monitor)
            throws CoreException;

    /** Ends a running {@link #idle} from another thread, returning {@link IdleEnd#WOKEN}. Thread-safe. */
    void wakeUp();

    /** NOOP: lets the server deliver pending events; checks the connection. */
    void noop(IProgressMonitor monitor) throws CoreException;

    /**
     * Closes the socket at once, from any thread: a command blocked in a read fails promptly with
     * {@link ImapError#CANCELED}. Idempotent.
     */
    void abort();

    /** LOGOUT (best effort, bounded by the read timeout) and close. Idempotent; never throws. */
    @Override
    void close();
}
