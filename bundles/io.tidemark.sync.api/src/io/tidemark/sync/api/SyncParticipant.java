/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.api;

import org.osgi.annotation.versioning.ConsumerType;

import io.tidemark.model.MailboxRef;

/**
 * A whiteboard service the engine calls around each mailbox it syncs: register it as an OSGi service and the
 * engine picks it up. Use it to index, notify or post-process.
 * <p>
 * Called on the sync thread; must return quickly. An exception thrown here is logged and does not fail the
 * sync.
 *
 * @since 0.1
 */
@ConsumerType
public interface SyncParticipant {

    /** Called before a mailbox's sync begins. */
    default void mailboxStarting(MailboxRef mailbox) {
        // nothing by default
    }

    /** Called after a mailbox's sync ended, its changes committed, with its report. */
    void mailboxSynced(SyncReport report);
}
