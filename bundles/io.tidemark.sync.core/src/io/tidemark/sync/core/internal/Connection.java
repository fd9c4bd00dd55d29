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
    private final AtomicLong uidlessFetches;
    private SelectResult selected;

    private Connection(ImapSession session, ScheduledFuture<?> watchdog, AtomicLong shifts, AtomicLong uidless) {
        this.session = session;
        this.watchdog = watchdog;
        this.sequenceShifts = shifts;
        this.uidlessFetches = uidless;
    }

    /**
     * Opens a session; while it is open, canceling {@code monitor} aborts its socket within ~100 ms.
     */
    static Connection open(ImapTransport transport, AccountConfig account, CredentialsProvider credentials,
            ScheduledExecutorService timer, java.util.function.Consumer<String> trace, boolean compress,
            IProgressMonitor monitor) throws CoreException {
        return open(transport, account, credentials, timer, trace, compress, () -> false, monitor);
    }

    /**
     * As {@link #open(ImapTransport, AccountConfig, CredentialsProvider, ScheduledExecutorService,
     * java.util.function.Consumer, boolean, IProgressMonitor)}, also aborting the socket as soon as
     * {@code abortWhen} holds (the account's lease was lost).
     *
     * @param compress whether to use COMPRESS=DEFLATE when the server offers it
     */
    static Connection open(ImapTransport transport, AccountConfig account, CredentialsProvider credentials,
            ScheduledExecutorService timer, java.util.function.Consumer<String> trace, boolean compress,
            java.util.function.BooleanSupplier abortWhen, IProgressMonitor monitor) throws CoreException {
        AtomicLong shifts = new AtomicLong();
        AtomicLong uidless = new AtomicLong();
        SessionOptions options = new SessionOptions(null, null, true, compress).withTrace(trace).withEvents(e -> {
            if (e instanceof ServerEvent.Expunge || e instanceof ServerEvent.Vanished || e instanceof ServerEvent.Exists) {
                shifts.incrementAndGet();
            } else if (e instanceof ServerEvent.FlagsChanged f && f.message().uid() <= 0) {
                uidless.incrementAndGet();
            }
        });
        ImapSession session = transport.open(account, credentials, options, monitor);
        ScheduledFuture<?> dog = timer.scheduleWithFixedDelay(() -> {
            if (monitor.isCanceled() || abortWhen.getAsBoolean()) {
                session.abort();
            }
        }, 100, 100, TimeUnit.MILLISECONDS);
        return new Connection(session, dog, shifts, uidless);
    }

    ImapSession session() {
        return session;
    }

    /** @return how many EXISTS/EXPUNGE/VANISHED events arrived so far */
    long sequenceShifts() {
        return sequenceShifts.get();
    }

    /**
     * @return how many FETCH responses without a UID arrived so far: a window answer during which one came is
     *         not complete evidence of absence (some servers omit the UID; PROTOCOL-NOTES §4 item 8)
     */
    long uidlessFetches() {
        return uidlessFetches.get();
    }

    /** Selects {@code mailbox}. */
    SelectResult select(MailboxName mailbox, SelectOptions options, MessageSink changes, IProgressMonitor monitor)
            throws CoreException {
        // a SELECT that fails leaves nothing selected on the server: forget the old selection first
        selected = null;
        selected = session.select(mailbox, options, changes, monitor);
        return selected;
    }

    /** @return the mailbox selected read-write, reusing the current selection if it is that mailbox */
    SelectResult ensureSelected(MailboxName mailbox, boolean condstore, IProgressMonitor monitor)
            throws CoreException {
        if (selected != null && selected.mailbox().equals(mailbox) && !selected.readOnly() && session.isOpen()
                && session.selected().filter(mailbox::equals).isPresent()) {
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
