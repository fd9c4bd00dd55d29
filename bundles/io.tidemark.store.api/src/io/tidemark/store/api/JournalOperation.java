/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.api;

/**
 * The kinds of local change the journal records (RFC 4549 §4).
 *
 * @since 0.1
 */
public enum JournalOperation {
    /** Add {@code flagsToAdd} and remove {@code flagsToRemove} on {@code uids}. */
    FLAGS,
    /** Delete {@code uids}: {@code +FLAGS (\Deleted)} then {@code UID EXPUNGE} of exactly those. */
    DELETE,
    /** Move {@code uids} to {@code target}. */
    MOVE,
    /** Append {@code message} to the mailbox. */
    APPEND,
    /** Create the mailbox. */
    CREATE_MAILBOX,
    /** Rename the mailbox to {@code target}. */
    RENAME_MAILBOX,
    /** Delete the mailbox. */
    DELETE_MAILBOX,
    /** Subscribe to the mailbox. */
    SUBSCRIBE,
    /** Unsubscribe from the mailbox. */
    UNSUBSCRIBE
}
