/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.api;

import org.eclipse.core.runtime.IStatus;

/**
 * The kinds of outcome the sync engine reports beyond those of the transport and the store.
 *
 * @since 0.1
 */
public enum SyncError {
    /**
     * The mailbox's UIDVALIDITY changed; messages were re-identified and relinked, the rest dropped. A
     * warning, not a failure.
     */
    UIDVALIDITY_RESET(301, IStatus.WARNING, false),
    /** The sync was canceled; the store is consistent and the next sync resumes. */
    CANCEL(302, IStatus.CANCEL, false),
    /** The server permanently rejected a local change; it was removed from the journal and the replica corrected. */
    CHANGE_REJECTED(303, IStatus.WARNING, false),
    /** A local change could not be remapped after a UIDVALIDITY reset and waits for the user. */
    CHANGE_NEEDS_USER(304, IStatus.WARNING, false),
    /** A local change failed with a retryable error and stays queued with backoff. */
    CHANGE_DEFERRED(305, IStatus.WARNING, true),
    /** Another worker holds the account's lease in a shared store. */
    ACCOUNT_BUSY(306, IStatus.ERROR, true),
    /** The configuration names a mailbox the server does not have. */
    MAILBOX_NOT_FOUND(307, IStatus.ERROR, false),
    /** An unexpected failure in the engine (a bug); the message names it. */
    INTERNAL(308, IStatus.ERROR, false);

    private final int code;
    private final int severity;
    private final boolean retryable;

    SyncError(int code, int severity, boolean retryable) {
        this.code = code;
        this.severity = severity;
        this.retryable = retryable;
    }

    /** @return the numeric {@code IStatus} code */
    public int code() {
        return code;
    }

    /** @return the {@code IStatus} severity statuses of this kind carry */
    public int severity() {
        return severity;
    }

    /** @return whether retrying later may succeed */
    public boolean retryable() {
        return retryable;
    }
}
