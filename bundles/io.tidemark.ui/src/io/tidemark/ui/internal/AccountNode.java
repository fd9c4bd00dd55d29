/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import java.util.List;
import java.util.Objects;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.sync.api.AccountActivity;

/**
 * An account in the Mailboxes view: its configuration, what the engine is doing with it, and its top-level
 * folders. Equal by account id, so a refresh keeps the tree's expansion and selection.
 */
final class AccountNode {

    private final AccountConfig config;
    private final AccountActivity activity;
    private final ActivityLog.Entry failure;
    private final int pending;
    private List<FolderNode> children = List.of();

    /**
     * @param config the account
     * @param activity the engine's phase for it
     * @param failure the failure of its last sync as a whole, or null
     * @param pending local changes not yet acknowledged by the server
     */
    AccountNode(AccountConfig config, AccountActivity activity, ActivityLog.Entry failure, int pending) {
        this.config = config;
        this.activity = activity;
        this.failure = failure;
        this.pending = pending;
    }

    AccountConfig config() {
        return config;
    }

    AccountId id() {
        return config.id();
    }

    AccountActivity activity() {
        return activity;
    }

    ActivityLog.Entry failure() {
        return failure;
    }

    int pending() {
        return pending;
    }

    List<FolderNode> children() {
        return children;
    }

    void setChildren(List<FolderNode> folders) {
        children = List.copyOf(folders);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccountNode a && a.id().equals(id());
    }

    @Override
    public int hashCode() {
        return Objects.hash(AccountNode.class, id());
    }

    @Override
    public String toString() {
        return id().value();
    }
}
