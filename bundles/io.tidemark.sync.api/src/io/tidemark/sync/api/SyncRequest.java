/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.api;

import java.util.List;
import java.util.Objects;

import io.tidemark.imap.api.CredentialsProvider;
import io.tidemark.model.AccountConfig;
import io.tidemark.model.BodyPolicy;
import io.tidemark.model.MailboxName;

/**
 * What one call of {@link SyncService#sync} does.
 *
 * @param account the account; stored (or updated) in the store as part of the sync
 * @param credentials supplies the secret when a connection is opened
 * @param mailboxes the mailboxes to sync; empty for the account's folder selection
 * @param bodyPolicy overrides the account's body policy for this sync, or null
 * @param replay whether to replay the journal of local changes first (RFC 4549 order)
 * @param incoming whether to bring server changes into the replica
 * @param quick for frequent, push-triggered syncs: on servers without CONDSTORE, rescan only the newest
 *            messages' flags unless a full flag scan is due (new and expunged messages are always found)
 * @since 0.1
 */
public record SyncRequest(AccountConfig account, CredentialsProvider credentials, List<MailboxName> mailboxes,
        BodyPolicy bodyPolicy, boolean replay, boolean incoming, boolean quick) {

    /** Validates. */
    public SyncRequest {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(credentials, "credentials");
        mailboxes = mailboxes == null ? List.of() : List.copyOf(mailboxes);
    }

    /** @return a two-way sync of the account's folder selection */
    public static SyncRequest of(AccountConfig account, CredentialsProvider credentials) {
        return new SyncRequest(account, credentials, List.of(), null, true, true, false);
    }

    /** @return this request limited to these mailboxes */
    public SyncRequest onlyMailboxes(List<MailboxName> names) {
        return new SyncRequest(account, credentials, names, bodyPolicy, replay, incoming, quick);
    }

    /** @return this request with another body policy */
    public SyncRequest withBodyPolicy(BodyPolicy policy) {
        return new SyncRequest(account, credentials, mailboxes, policy, replay, incoming, quick);
    }

    /** @return this request as a quick (push-triggered) sync */
    public SyncRequest asQuick() {
        return new SyncRequest(account, credentials, mailboxes, bodyPolicy, replay, incoming, true);
    }

    /** @return this request with only the journal replay (no incoming changes) */
    public SyncRequest replayOnly() {
        return new SyncRequest(account, credentials, mailboxes, bodyPolicy, true, false, quick);
    }

    /** @return the body policy in force: the override, else the account's */
    public BodyPolicy effectiveBodyPolicy() {
        return bodyPolicy != null ? bodyPolicy : account.bodyPolicy();
    }
}
