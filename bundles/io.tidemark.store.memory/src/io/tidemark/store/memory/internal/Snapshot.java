/* SPDX-License-Identifier: EPL-2.0 */
package io.tidemark.store.memory.internal;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.store.api.JournalEntry;

/**
 * Everything the store holds at one commit. Readers take the current snapshot once per call and so see one
 * committed state; a transaction builds the next snapshot from this one, sharing every part it did not
 * change.
 * <p>
 * Immutable (the maps are unmodifiable and never changed after publication).
 *
 * @param accounts the accounts by id
 * @param mailboxes the mailboxes, ordered by account and then INBOX first and by name
 * @param journals each account's journal, by entry id; an account without entries may be absent
 */
record Snapshot(NavigableMap<AccountId, AccountConfig> accounts, NavigableMap<MailboxRef, MailboxState> mailboxes,
        Map<AccountId, NavigableMap<Long, JournalEntry>> journals) {

    /** The state of a new store. */
    static final Snapshot EMPTY = new Snapshot(Collections.unmodifiableNavigableMap(new TreeMap<>()),
            Collections.unmodifiableNavigableMap(new TreeMap<>()), Map.of());

    /** @return the mailboxes of {@code account} in listing order */
    List<MailboxState> mailboxesOf(AccountId account) {
        return List.copyOf(mailboxesOf(mailboxes, account).values());
    }

    /** @return the part of {@code map} that belongs to {@code account} */
    static <V> NavigableMap<MailboxRef, V> mailboxesOf(NavigableMap<MailboxRef, V> map, AccountId account) {
        // INBOX sorts first among an account's mailboxes, so it is the lowest possible key of the account
        MailboxRef lowest = new MailboxRef(account, MailboxName.INBOX);
        NavigableMap<MailboxRef, V> tail = map.tailMap(lowest, true);
        MailboxRef firstOfNext = null;
        for (MailboxRef ref : tail.keySet()) {
            if (!ref.account().equals(account)) {
                firstOfNext = ref;
                break;
            }
        }
        return firstOfNext == null ? tail : tail.headMap(firstOfNext, false);
    }

    /** @return the journal of {@code account}, possibly empty */
    NavigableMap<Long, JournalEntry> journalOf(AccountId account) {
        NavigableMap<Long, JournalEntry> j = journals.get(account);
        return j == null ? Collections.emptyNavigableMap() : j;
    }
}
