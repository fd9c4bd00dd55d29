/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.api;

/**
 * Counts of the visible (not hidden) messages of a mailbox.
 *
 * @param messages the number of messages
 * @param unseen the number without {@code \Seen}
 * @since 0.1
 */
public record MailboxCounts(long messages, long unseen) {

    /** No messages. */
    public static final MailboxCounts EMPTY = new MailboxCounts(0, 0);
}
