/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.tidemark.model.MailboxRef;
import io.tidemark.store.api.MailboxCounts;
import io.tidemark.store.api.MailboxRecord;
import io.tidemark.store.api.MailboxSyncState;
import io.tidemark.sync.api.SyncReport;

/**
 * A folder in the Mailboxes view. A folder the server does not list itself but whose children it lists
 * (e.g. {@code Archive} of {@code Archive/2024}) has no record and cannot be opened. Equal by reference, so a
 * refresh keeps the tree's expansion and selection.
 */
final class FolderNode {

    private final MailboxRef ref;
    private final String label;
    private final Object parent;
    private final List<FolderNode> children = new ArrayList<>();
    MailboxRecord record;
    MailboxCounts counts;
    MailboxSyncState state;
    SyncReport lastReport;
    boolean syncing;
    int pending;

    FolderNode(MailboxRef ref, String label, Object parent) {
        this.ref = ref;
        this.label = label;
        this.parent = parent;
    }

    /** @return the mailbox */
    MailboxRef ref() {
        return ref;
    }

    /** @return the last segment of the name */
    String label() {
        return label;
    }

    /** @return the parent folder or account node */
    Object parent() {
        return parent;
    }

    /** @return the store's record, or null if the server does not list this folder itself */
    MailboxRecord record() {
        return record;
    }

    /** @return whether the folder's messages are replicated and can be shown */
    boolean openable() {
        return record != null && record.synced();
    }

    /** @return the counts of a synced folder, or null */
    MailboxCounts counts() {
        return counts;
    }

    /** @return the sync state, or null if never synced */
    MailboxSyncState state() {
        return state;
    }

    /** @return the report of its last sync this session, or null */
    SyncReport lastReport() {
        return lastReport;
    }

    /** @return whether the engine is syncing it now */
    boolean syncing() {
        return syncing;
    }

    /** @return local changes to it that the server has not acknowledged */
    int pending() {
        return pending;
    }

    /** @return whether the server has it subscribed */
    boolean subscribed() {
        return record != null && record.subscribed();
    }

    List<FolderNode> children() {
        return children;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FolderNode f && f.ref.equals(ref);
    }

    @Override
    public int hashCode() {
        return Objects.hash(FolderNode.class, ref);
    }

    @Override
    public String toString() {
        return ref.toString();
    }
}
