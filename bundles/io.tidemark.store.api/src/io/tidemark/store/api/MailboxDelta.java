/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.api;

import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.UidSet;

/**
 * The changes one transaction made to one mailbox.
 *
 * @param mailbox the mailbox (its name after a rename)
 * @param kind what happened to the mailbox itself
 * @param renamedFrom for {@link Kind#RENAMED}: the old name, else null
 * @param added UIDs of messages inserted
 * @param changed UIDs of messages whose flags, hidden mark or content changed
 * @param removed UIDs of messages removed (for {@link Kind#RESET}: the old epoch's UIDs not kept)
 * @param syncStateChanged whether the sync state was written
 * @since 0.1
 */
public record MailboxDelta(MailboxRef mailbox, Kind kind, MailboxName renamedFrom, UidSet added, UidSet changed,
        UidSet removed, boolean syncStateChanged) {

    /**
     * What happened to the mailbox itself.
     *
     * @since 0.1
     */
    public enum Kind {
        /** The mailbox record was created. */
        CREATED,
        /** Messages, the record or the sync state changed. */
        CHANGED,
        /** The mailbox was renamed (messages kept). */
        RENAMED,
        /** The mailbox and its messages were removed. */
        REMOVED,
        /** The mailbox moved to a new UIDVALIDITY epoch. */
        RESET
    }

    /** Replaces null sets with empty ones. */
    public MailboxDelta {
        added = added == null ? UidSet.empty() : added;
        changed = changed == null ? UidSet.empty() : changed;
        removed = removed == null ? UidSet.empty() : removed;
    }
}
