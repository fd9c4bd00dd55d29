/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.api;

import java.util.List;
import java.util.Set;

import io.tidemark.model.AccountId;

/**
 * What one committed transaction changed, posted to {@link StoreListener}s after the commit and never for
 * a rolled-back transaction.
 *
 * @param accounts the accounts whose configuration was added, changed or removed
 * @param mailboxes per-mailbox changes, in the order of first change
 * @param journalChanged whether journal entries were added, changed or removed
 * @since 0.1
 */
public record StoreDelta(Set<AccountId> accounts, List<MailboxDelta> mailboxes, boolean journalChanged) {

    /** Copies. */
    public StoreDelta {
        accounts = Set.copyOf(accounts);
        mailboxes = List.copyOf(mailboxes);
    }

    /** @return whether the transaction changed nothing */
    public boolean isEmpty() {
        return accounts.isEmpty() && mailboxes.isEmpty() && !journalChanged;
    }
}
