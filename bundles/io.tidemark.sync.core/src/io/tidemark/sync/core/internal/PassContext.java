/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import java.util.List;

import io.tidemark.imap.api.Capabilities;
import io.tidemark.model.AccountConfig;
import io.tidemark.model.BodyPolicy;
import io.tidemark.store.api.JournalEntry;
import io.tidemark.store.api.MailStore;
import io.tidemark.sync.api.SyncRequest;

/**
 * What every step of one pass over an account shares.
 */
final class PassContext {

    final MailStore store;
    final EngineSettings settings;
    final SyncHooks hooks;
    final SyncRequest request;
    final AccountConfig account;
    final Connection connection;
    final Capabilities caps;
    final BodyPolicy policy;
    final boolean byEmailId;
    /** The journal as it stands after replay: the user's changes still pending. */
    List<JournalEntry> journal = List.of();

    PassContext(MailStore store, EngineSettings settings, SyncHooks hooks, SyncRequest request,
            Connection connection) {
        this.store = store;
        this.settings = settings;
        this.hooks = hooks;
        this.request = request;
        this.account = request.account();
        this.connection = connection;
        this.caps = connection.session().capabilities();
        this.policy = request.effectiveBodyPolicy();
        this.byEmailId = caps.objectId();
    }
}
