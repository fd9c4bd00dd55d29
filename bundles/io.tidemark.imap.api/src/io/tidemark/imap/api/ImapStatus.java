/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.api;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IStatus;

import io.tidemark.model.AccountId;
import io.tidemark.model.CodedStatus;
import io.tidemark.model.MailboxName;

/**
 * A failure reported by a transport. Transports map every library exception to one of these, once, at
 * their boundary; callers see no other checked exception.
 * <p>
 * Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ImapStatus extends CodedStatus {

    /** The plug-in id used for transport statuses. */
    public static final String PLUGIN_ID = "io.tidemark.imap.api";

    private final ImapError error;
    private final AccountId account;
    private final MailboxName mailbox;

    /**
     * @param error the kind of failure
     * @param account the account, or null
     * @param mailbox the mailbox, or null
     * @param message what happened, without the account/mailbox prefix (added here) and without secrets
     * @param cause the underlying exception, or null
     */
    public ImapStatus(ImapError error, AccountId account, MailboxName mailbox, String message, Throwable cause) {
        super(error == ImapError.CANCELED ? IStatus.CANCEL : IStatus.ERROR, PLUGIN_ID, error.code(),
                where(account, mailbox) + message, cause);
        this.error = error;
        this.account = account;
        this.mailbox = mailbox;
    }

    /** @return a {@link CoreException} holding a new status of these values */
    public static CoreException exception(ImapError error, AccountId account, MailboxName mailbox, String message,
            Throwable cause) {
        return new CoreException(new ImapStatus(error, account, mailbox, message, cause));
    }

    /** @return the kind of failure */
    public ImapError error() {
        return error;
    }

    /** @return the account, or null */
    public AccountId account() {
        return account;
    }

    /** @return the mailbox, or null */
    public MailboxName mailbox() {
        return mailbox;
    }

    /**
     * @param e an exception
     * @return the transport error it carries, or null if it carries none
     */
    public static ImapError errorOf(CoreException e) {
        return find(e).filter(ImapStatus.class::isInstance).map(s -> ((ImapStatus) s).error).orElse(null);
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
        return error.offline();
    }
}
