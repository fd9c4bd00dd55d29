/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.api;

import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.osgi.annotation.versioning.ProviderType;

import io.tidemark.imap.api.CredentialsProvider;
import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.model.MailboxInfo;
import io.tidemark.model.MailboxName;

/**
 * Keeps replicas in sync with their servers: the engine's service. The command line and the views drive it;
 * they never talk to the transport themselves.
 * <p>
 * <b>Threading.</b> Thread-safe. Syncs of one account never overlap: a second {@code sync} or {@code watch}
 * of the same account waits for the first (one scheduling rule per account); different accounts run in
 * parallel.
 * <p>
 * <b>I/O and cancellation.</b> {@code sync}, {@code verify}, {@code folders} and {@code watch} block on the
 * network and the store. Canceling the monitor aborts the connection's socket; the call then returns or
 * throws with {@link SyncError#CANCEL} and the store holds every window committed so far (the next sync
 * resumes from there).
 * <p>
 * <b>Errors.</b> A failure of one mailbox is a child of the result's multi-status and does not stop the
 * others; authentication and TLS-trust failures stop the account and are thrown.
 *
 * @since 0.1
 */
@ProviderType
public interface SyncService {

    /**
     * Replays the journal, then brings server changes into the replica, mailbox by mailbox (INBOX first),
     * each with the cheapest strategy the server allows.
     *
     * @return per-mailbox reports and the combined status
     * @throws CoreException if the account cannot be synced at all (connect, TLS, authentication, store
     *             failure, or {@link SyncError#CANCEL})
     */
    SyncResult sync(SyncRequest request, IProgressMonitor monitor) throws CoreException;

    /**
     * Logs in and reads the capabilities, changing nothing.
     *
     * @throws CoreException with the transport's coded status: wrong password, unknown host, TLS trust, ...
     */
    VerifyResult verify(AccountConfig account, CredentialsProvider credentials, IProgressMonitor monitor)
            throws CoreException;

    /**
     * Lists the server's mailboxes with their subscription state, changing nothing.
     */
    List<MailboxInfo> folders(AccountConfig account, CredentialsProvider credentials, IProgressMonitor monitor)
            throws CoreException;

    /**
     * Syncs the account, then stays connected to {@code mailbox} in IDLE (or NOTIFY where offered) and runs an
     * incremental sync whenever the server pushes a change, re-issuing IDLE before the server's timeout and
     * reconnecting with backoff when the connection drops. Returns when the monitor is canceled.
     *
     * @param request what each triggered sync does
     * @param mailbox the mailbox to watch (usually INBOX)
     * @param listener told about each triggered sync's result; may be null
     * @return OK when canceled cleanly, else the reason watching stopped (authentication, TLS)
     */
    IStatus watch(SyncRequest request, MailboxName mailbox, SyncListener listener, IProgressMonitor monitor);

    /** @return what the engine is doing with the account now */
    AccountActivity activity(AccountId account);

    /**
     * Told about each sync that {@link SyncService#watch} runs.
     *
     * @since 0.1
     */
    @FunctionalInterface
    interface SyncListener {
        /** @param result the result of one triggered sync (or of the initial one) */
        void synced(SyncResult result);
    }
}
