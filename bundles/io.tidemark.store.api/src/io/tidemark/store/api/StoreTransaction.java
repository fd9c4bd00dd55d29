/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.api;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.PrimitiveIterator;
import java.util.SortedMap;
import java.util.TreeMap;

import org.eclipse.core.runtime.CoreException;
import org.osgi.annotation.versioning.ProviderType;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.model.Flags;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.UidSet;

/**
 * The writes (and reads of its own writes) of one atomic transaction; handed to a
 * {@link TransactionBody} by {@link MailStore#write}. Nothing written here is visible to other readers, or
 * posted to listeners, before the body returns and the commit succeeds; if the body throws, nothing of it
 * remains.
 * <p>
 * Used only by the thread running the body, only during the body. Every method may throw a
 * {@link CoreException} with a {@link StoreStatus}; {@link StoreError#NOT_FOUND} where a method names an
 * account, mailbox or entry that does not exist.
 *
 * @since 0.1
 */
@ProviderType
public interface StoreTransaction {

    /** Adds or replaces an account's configuration. */
    void putAccount(AccountConfig account) throws CoreException;

    /** Removes an account with all its mailboxes, messages, content, sync state and journal entries. */
    void removeAccount(AccountId account) throws CoreException;

    /** Adds or replaces a mailbox record; the account must exist. */
    void putMailbox(MailboxRecord mailbox) throws CoreException;

    /**
     * Renames a mailbox, keeping its messages, content, sync state and journal entries (which follow it).
     *
     * @throws CoreException {@link StoreError#INVALID} if {@code to} exists already
     */
    void renameMailbox(MailboxRef from, MailboxName to) throws CoreException;

    /** Removes a mailbox with its messages, content and sync state (journal entries stay). */
    void removeMailbox(MailboxRef mailbox) throws CoreException;

    /** @return the sync state as this transaction sees it */
    Optional<MailboxSyncState> syncState(MailboxRef mailbox) throws CoreException;

    /**
     * Writes the sync state. Its UIDVALIDITY must equal the current one if messages exist (use
     * {@link #resetMailbox} to change epoch).
     */
    void putSyncState(MailboxRef mailbox, MailboxSyncState state) throws CoreException;

    /** @return the message as this transaction sees it */
    Optional<MessageRecord> message(MailboxRef mailbox, long uid) throws CoreException;

    /**
     * The held messages among {@code uids} as this transaction sees them: {@link #message} for each, which a
     * store may read as one query (a sync's window of flag changes looks up hundreds at once).
     *
     * @return by UID, in UID order; a UID the mailbox does not hold (or a mailbox the store does not hold) is
     *         left out
     * @since 0.1
     */
    default SortedMap<Long, MessageRecord> messages(MailboxRef mailbox, UidSet uids) throws CoreException {
        SortedMap<Long, MessageRecord> out = new TreeMap<>();
        for (PrimitiveIterator.OfLong it = uids.iterator(); it.hasNext();) {
            long uid = it.nextLong();
            Optional<MessageRecord> m = message(mailbox, uid);
            if (m.isPresent()) {
                out.put(uid, m.get());
            }
        }
        return out;
    }

    /**
     * Inserts or replaces messages by UID (content is kept on replace). The mailbox must have a sync state.
     * Implementations write a window in one batch.
     */
    void putMessages(MailboxRef mailbox, Collection<MessageRecord> messages) throws CoreException;

    /**
     * Sets the flags and MODSEQ of a message.
     *
     * @return false if the mailbox holds no such UID (nothing written)
     */
    boolean updateFlags(MailboxRef mailbox, long uid, Flags flags, long modSeq) throws CoreException;

    /** Sets or clears the hidden mark (local delete/move awaiting the server) on those of {@code uids} held. */
    void setHidden(MailboxRef mailbox, UidSet uids, boolean hidden) throws CoreException;

    /** Removes those of {@code uids} held, with their content. @return the UIDs actually removed */
    UidSet removeMessages(MailboxRef mailbox, UidSet uids) throws CoreException;

    /** Stores or replaces the content of a held message. */
    void putContent(MailboxRef mailbox, long uid, MessageContent content) throws CoreException;

    /**
     * Stores or replaces the content of several held messages: {@link #putContent} for each, which a store may
     * write as one batch (a window of a sync writes hundreds at once).
     *
     * @param contents by UID
     * @throws CoreException {@link StoreError#NOT_FOUND} if one of the UIDs is not held (then nothing counts:
     *         the transaction fails as a whole)
     * @since 0.1
     */
    default void putContents(MailboxRef mailbox, Map<Long, MessageContent> contents) throws CoreException {
        for (Map.Entry<Long, MessageContent> e : contents.entrySet()) {
            putContent(mailbox, e.getKey(), e.getValue());
        }
    }

    /**
     * Moves a message record and its content to another mailbox under a new UID, without downloading
     * anything again: the relink after a move (COPYUID, EMAILID or Message-ID match). The flags and MODSEQ of
     * {@code updated}, if given, replace the old ones.
     *
     * @param updated the record as it is in the target (UID = {@code toUid}), or null to keep the old one
     * @throws CoreException {@link StoreError#NOT_FOUND} if the source is not held
     */
    void relink(MailboxRef from, long fromUid, MailboxRef to, long toUid, MessageRecord updated)
            throws CoreException;

    /**
     * Moves a mailbox to a new UIDVALIDITY epoch in one step: messages listed in {@code keep} stay (with
     * content) under their new UIDs, every other message is removed, and the sync state becomes
     * {@link MailboxSyncState#initial(long) initial(newUidValidity)}. Journal entries are left to the caller to
     * remap.
     */
    void resetMailbox(MailboxRef mailbox, long newUidValidity, UidRemap keep) throws CoreException;

    /**
     * Adds a journal entry.
     *
     * @return the entry with its assigned id, greater than every id assigned before in this store
     */
    JournalEntry appendJournal(JournalEntry entry) throws CoreException;

    /** Replaces a journal entry (same id): remapped UIDs, attempts, state. */
    void updateJournal(JournalEntry entry) throws CoreException;

    /** Removes a journal entry: the server acknowledged it, or the user discarded it. */
    void removeJournal(long id) throws CoreException;
}
