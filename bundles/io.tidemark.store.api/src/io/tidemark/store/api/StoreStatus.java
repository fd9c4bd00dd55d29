/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.api;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IStatus;

import io.tidemark.model.AccountId;
import io.tidemark.model.CodedStatus;
import io.tidemark.model.MailboxName;

/**
 * A failure reported by a store. Stores map every database exception to one of these, once, at their
 * boundary. A store failure never means the server is offline.
 * <p>
 * Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class StoreStatus extends CodedStatus {

    /** The plug-in id used for store statuses. */
    public static final String PLUGIN_ID = "io.tidemark.store.api";

    private final StoreError error;

    /**
     * @param error the kind of failure
     * @param account the account involved, or null
     * @param mailbox the mailbox involved, or null
     * @param message what happened (the database location is worth naming; never secrets)
     * @param cause the underlying exception, or null
     */
    public StoreStatus(StoreError error, AccountId account, MailboxName mailbox, String message, Throwable cause) {
        super(IStatus.ERROR, PLUGIN_ID, error.code(), where(account, mailbox) + message, cause);
        this.error = error;
    }

    /** @return a {@link CoreException} holding a new status of these values */
    public static CoreException exception(StoreError error, AccountId account, MailboxName mailbox, String message,
            Throwable cause) {
        return new CoreException(new StoreStatus(error, account, mailbox, message, cause));
    }

    /** @return the store error carried by the exception, or null */
    public static StoreError errorOf(CoreException e) {
        return find(e).filter(StoreStatus.class::isInstance).map(s -> ((StoreStatus) s).error).orElse(null);
    }

    /** @return the kind of failure */
    public StoreError error() {
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
