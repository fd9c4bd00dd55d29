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
     */
    void setFlags(MailboxRef mailbox, UidSet uids, Flags add, Flags remove) throws CoreException;

    /** Deletes messages: hidden locally now, {@code \Deleted} + UID EXPUNGE of exactly them at replay. */
    void delete(MailboxRef mailbox, UidSet uids) throws CoreException;

    /** Moves messages to another mailbox of the same account; relinked at replay without re-download. */
    void move(MailboxRef mailbox, UidSet uids, MailboxName target) throws CoreException;

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

    /** Puts an entry that waits for the user back in the queue. */
    void retry(long journalId) throws CoreException;

    /** Drops a queued change for good and restores the replica's view of the affected messages. */
    void discard(long journalId) throws CoreException;
}
