/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.api;

import java.time.Instant;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.osgi.annotation.versioning.ProviderType;

import io.tidemark.model.AccountId;
import io.tidemark.model.Flags;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.JournalEntry;

/**
 * What the user does to mail locally, online or offline. Each call updates the replica and writes the
 * change to the journal in one transaction, and returns only after that commit (invariant I2); the next sync
 * replays it to the server exactly once, in the order the user acted (RFC 4549).
 * <p>
 * Thread-safe. Each call does store I/O only (no network); fast enough for a UI action but not meant for the
 * UI thread.
 *
 * @since 0.1
 */
@ProviderType
public interface LocalChanges {

    /**
     * Adds and removes flags and keywords (read/unread, flagged, keywords). The user's change wins over
     * another client's for exactly the flags named here.
     *
     * @param uidValidity the UIDVALIDITY the caller read the UIDs under (from the mailbox's sync state), or 0 for
     *            "whatever is current" (racy: a reset in between makes the UIDs name other messages)
     * @throws CoreException {@code StoreError.INVALID} if {@code uidValidity} is not the mailbox's current one
     */
    void setFlags(MailboxRef mailbox, long uidValidity, UidSet uids, Flags add, Flags remove) throws CoreException;

    /** Deletes messages: hidden locally now, {@code \Deleted} + UID EXPUNGE of exactly them at replay. */
    void delete(MailboxRef mailbox, long uidValidity, UidSet uids) throws CoreException;

    /** Moves messages to another mailbox of the same account; relinked at replay without re-download. */
    void move(MailboxRef mailbox, long uidValidity, UidSet uids, MailboxName target) throws CoreException;

    /** {@link #setFlags(MailboxRef, long, UidSet, Flags, Flags)} against the current UIDVALIDITY. */
    default void setFlags(MailboxRef mailbox, UidSet uids, Flags add, Flags remove) throws CoreException {
        setFlags(mailbox, 0, uids, add, remove);
    }

    /** {@link #delete(MailboxRef, long, UidSet)} against the current UIDVALIDITY. */
    default void delete(MailboxRef mailbox, UidSet uids) throws CoreException {
        delete(mailbox, 0, uids);
    }

    /** {@link #move(MailboxRef, long, UidSet, MailboxName)} against the current UIDVALIDITY. */
    default void move(MailboxRef mailbox, UidSet uids, MailboxName target) throws CoreException {
        move(mailbox, 0, uids, target);
    }

    /** Appends a message (e.g. a draft or an imported one). */
    void append(MailboxRef mailbox, byte[] message, Flags flags, Instant internalDate) throws CoreException;

    /** Creates a mailbox. */
    void createMailbox(MailboxRef mailbox) throws CoreException;

    /** Renames a mailbox; its messages stay. */
    void renameMailbox(MailboxRef mailbox, MailboxName newName) throws CoreException;

    /** Deletes a mailbox on the server and its replica. */
    void deleteMailbox(MailboxRef mailbox) throws CoreException;

    /** Subscribes or unsubscribes. */
    void subscribe(MailboxRef mailbox, boolean subscribed) throws CoreException;

    /** @return the account's changes not yet acknowledged by the server, in the order the user made them */
    List<JournalEntry> pending(AccountId account) throws CoreException;

    /**
     * Puts an entry that waits for the user back in the queue.
     *
     * @throws CoreException {@code StoreError.INVALID} if its UIDs belong to a UIDVALIDITY epoch the mailbox
     *             has left (retrying cannot work; discard it)
     */
    void retry(long journalId) throws CoreException;

    /** Drops a queued change for good and restores the replica's view of the affected messages. */
    void discard(long journalId) throws CoreException;
}
