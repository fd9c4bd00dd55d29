/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.api;

import org.eclipse.core.runtime.CoreException;

import io.tidemark.model.AccountId;
import io.tidemark.model.CodedStatus;
import io.tidemark.model.MailboxName;

/**
 * An outcome reported by the sync engine (see {@link SyncError}). Transport and store failures keep their
 * own {@code ImapStatus} and {@code StoreStatus}, as children of the account's multi-status.
 * <p>
 * Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class SyncStatus extends CodedStatus {

    /** The plug-in id used for sync statuses. */
    public static final String PLUGIN_ID = "io.tidemark.sync.api";

    private final SyncError error;

    /**
     * @param error the kind of outcome
     * @param account the account, or null
     * @param mailbox the mailbox, or null
     * @param message what happened
     * @param cause the underlying exception, or null
     */
    public SyncStatus(SyncError error, AccountId account, MailboxName mailbox, String message, Throwable cause) {
        super(error.severity(), PLUGIN_ID, error.code(), where(account, mailbox) + message, cause);
        this.error = error;
    }

    /** @return a {@link CoreException} holding a new status of these values */
    public static CoreException exception(SyncError error, AccountId account, MailboxName mailbox, String message,
            Throwable cause) {
        return new CoreException(new SyncStatus(error, account, mailbox, message, cause));
    }

    /** @return the kind of outcome */
    public SyncError error() {
        return error;
    }

    @Override
    public String codeName() {
        return error.name();
    }

    @Override
    public boolean isRetryable() {
        return error.retryable();
    }

    @Override
    public boolean isOffline() {
        return false;
    }
}
