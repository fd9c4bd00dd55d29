/* SPDX-License-Identifier: EPL-2.0 */
package io.tidemark.store.memory.internal;

import io.tidemark.store.api.MailboxRecord;
import io.tidemark.store.api.MailboxSyncState;

/**
 * One mailbox as committed: its record, its sync state (null if never synced) and its messages.
 *
 * @param record the mailbox record
 * @param sync the sync state, or null
 * @param messages the messages
 */
record MailboxState(MailboxRecord record, MailboxSyncState sync, MessageTable messages) {
}
