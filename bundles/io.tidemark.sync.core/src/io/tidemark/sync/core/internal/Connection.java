/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;

import io.tidemark.imap.api.CredentialsProvider;
import io.tidemark.imap.api.ImapSession;
import io.tidemark.imap.api.ImapTransport;
import io.tidemark.imap.api.MessageSink;
import io.tidemark.imap.api.SelectOptions;
import io.tidemark.imap.api.SelectResult;
import io.tidemark.imap.api.ServerEvent;
import io.tidemark.imap.api.SessionOptions;
import io.tidemark.model.AccountConfig;
import io.tidemark.model.MailboxName;

/**
 * One IMAP session of a sync, with what the engine needs around it: the selected mailbox, a counter of
 * events that shift sequence numbers (so a sequence bisection knows when its numbers went stale), and a
 * watchdog that aborts the socket as soon as the monitor is canceled, even while a read is blocked.
 */
final class Connection implements AutoCloseable {

    private final ImapSession session;
    private final ScheduledFuture<?> watchdog;
    private final AtomicLong sequenceShifts;
    private SelectResult selected;
    private SelectOptions selectedWith;

    private Connection(ImapSession session, ScheduledFuture<?> watchdog, AtomicLong shifts) {
        this.session = session;
        this.watchdog = watchdog;
        this.sequenceShifts = shifts;
    }

    /**
     * Opens a session; while it is open, canceling {@code monitor} aborts its socket within ~100 ms.
     */
    static Connection open(ImapTransport transport, AccountConfig account, CredentialsProvider credentials,
            ScheduledExecutorService timer, java.util.function.Consumer<String> trace, IProgressMonitor monitor)
            throws CoreException {
        AtomicLong shifts = new AtomicLong();
        SessionOptions options = SessionOptions.DEFAULT.withTrace(trace).withEvents(e -> {
            if (e instanceof ServerEvent.Expunge || e instanceof ServerEvent.Vanished || e instanceof ServerEvent.Exists) {
                shifts.incrementAndGet();
            }
        });
        ImapSession session = transport.open(account, credentials, options, monitor);
        ScheduledFuture<?> dog = timer.scheduleWithFixedDelay(() -> {
            if (monitor.isCanceled()) {
                session.abort();
            }
        }, 100, 100, TimeUnit.MILLISECONDS);
        return new Connection(session, dog, shifts);
    }

    ImapSession session() {
        return session;
    }

    /** @return how many EXISTS/EXPUNGE/VANISHED events arrived so far */
    long sequenceShifts() {
        return sequenceShifts.get();
    }

    /** Selects {@code mailbox}; a plain re-select of the mailbox already selected the same way is skipped. */
    SelectResult select(MailboxName mailbox, SelectOptions options, MessageSink changes, IProgressMonitor monitor)
            throws CoreException {
        selected = session.select(mailbox, options, changes, monitor);
        selectedWith = options;
        return selected;
    }

    /** @return the mailbox selected with a plain or CONDSTORE SELECT, reusing the current selection if any */
    SelectResult ensureSelected(MailboxName mailbox, boolean condstore, IProgressMonitor monitor)
            throws CoreException {
        if (selected != null && selected.mailbox().equals(mailbox) && session.isOpen() && !selected.readOnly()
                && selectedWith.qresync() == null) {
            return selected;
        }
        return select(mailbox, condstore ? SelectOptions.CONDSTORE : SelectOptions.PLAIN, MessageSink.NONE, monitor);
    }

    /** Forgets the cached selection (after a command that may have changed the mailbox's counters). */
    void invalidateSelection() {
        selected = null;
    }

    @Override
    public void close() {
        watchdog.cancel(false);
        session.close();
    }
}
