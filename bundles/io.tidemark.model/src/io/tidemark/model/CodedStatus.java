/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.model;

import java.util.Optional;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;

/**
 * Base of Tidemark's coded statuses ({@code ImapStatus}, {@code StoreStatus}, {@code SyncStatus}): an
 * {@link IStatus} whose code names a kind of failure and says whether retrying later can help and whether
 * it means the server is out of reach.
 * <p>
 * Messages name the account and mailbox involved and the cause, and never contain secrets.
 * Immutable and thread-safe.
 *
 * @since 0.1
 */
public abstract class CodedStatus extends Status {

    /**
     * @param severity an {@link IStatus} severity
     * @param pluginId the bundle reporting the status
     * @param code the numeric code of the failure kind
     * @param message the human-readable message
     * @param cause the underlying exception, or null
     */
    protected CodedStatus(int severity, String pluginId, int code, String message, Throwable cause) {
        super(severity, pluginId, code, message, cause);
    }

    /** @return the symbolic name of the code, e.g. {@code AUTHENTICATION} */
    public abstract String codeName();

    /** @return whether the same operation may succeed if retried later, unchanged */
    public abstract boolean isRetryable();

    /** @return whether the failure means the server cannot be reached (the account is offline) */
    public abstract boolean isOffline();

    /**
     * Builds a message prefix naming what failed: {@code "account 'work', mailbox 'INBOX': "}.
     *
     * @param account the account, or null
     * @param mailbox the mailbox, or null
     * @return the prefix, empty if both are null
     */
    public static String where(AccountId account, MailboxName mailbox) {
        if (account == null && mailbox == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        if (account != null) {
            sb.append("account '").append(account).append('\'');
        }
        if (mailbox != null) {
            sb.append(sb.isEmpty() ? "" : ", ").append("mailbox '").append(mailbox).append('\'');
        }
        return sb.append(": ").toString();
    }

    /**
     * Finds the first coded status in a status tree, depth first, also looking into the
     * {@link CoreException}s held as exceptions.
     *
     * @param status a status, possibly a multi-status
     * @return the first coded status found
     */
    public static Optional<CodedStatus> find(IStatus status) {
        if (status == null) {
            return Optional.empty();
        }
        if (status instanceof CodedStatus c) {
            return Optional.of(c);
        }
        for (IStatus child : status.getChildren()) {
            Optional<CodedStatus> c = find(child);
            if (c.isPresent()) {
                return c;
            }
        }
        if (status.getException() instanceof CoreException ce && ce.getStatus() != status) {
            return find(ce.getStatus());
        }
        return Optional.empty();
    }

    /** @return the first coded status of the exception's status tree */
    public static Optional<CodedStatus> find(CoreException e) {
        return find(e.getStatus());
    }

    /** @return whether the status tree holds a coded status that is retryable */
    public static boolean isRetryable(IStatus status) {
        return find(status).map(c -> c.isRetryable()).orElse(false);
    }

    /** @return whether the status tree holds a coded status that means offline */
    public static boolean isOffline(IStatus status) {
        return find(status).map(c -> c.isOffline()).orElse(false);
    }

    @Override
    public String toString() {
        return codeName() + ": " + getMessage();
    }
}
