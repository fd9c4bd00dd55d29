/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.CoreException;

import io.tidemark.model.AccountId;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.MailStore;
import io.tidemark.store.api.MessageLocation;

/**
 * The messages that vanished from their mailboxes during one pass over an account, still in the replica
 * until the pass removes them: a new message elsewhere with the same identity is a move, relinked instead of
 * downloaded again. Because every mailbox's vanished set is known before any new message is fetched, a move
 * is found whichever of its two mailboxes is synced first.
 * <p>
 * Up to {@link #PRELOAD_LIMIT} vanished messages are read from the store once, at the first lookup, and matched
 * in memory (one scan per mailbox instead of a store query per new message); a larger pool is matched by a store
 * lookup per new message, so that what is held stays bounded (a few MB) however many messages were expunged.
 */
final class MovePool {

    private final MailStore store;
    private final AccountId account;
    private final boolean byEmailId;
    private final Map<MailboxRef, UidSet> vanished = new HashMap<>();
    /** The vanished messages by {@link MessageIdentity#key}, read at the first lookup; null until then. */
    private Map<Long, List<MessageLocation>> index;

    /** The most vanished messages read into memory; above it, one store lookup per new message. */
    static final long PRELOAD_LIMIT = 10_000;

    MovePool(MailStore store, AccountId account, boolean byEmailId) {
        this.store = store;
        this.account = account;
        this.byEmailId = byEmailId;
    }

    /** Adds the UIDs a mailbox lost (positive evidence). */
    void add(MailboxRef mailbox, UidSet uids) {
        if (!uids.isEmpty()) {
            vanished.merge(mailbox, uids, UidSet::union);
            index = null;
        }
    }

    boolean isEmpty() {
        return vanished.values().stream().allMatch(UidSet::isEmpty);
    }

    /** @return what is still to remove from {@code mailbox} */
    UidSet remaining(MailboxRef mailbox) {
        return vanished.getOrDefault(mailbox, UidSet.empty());
    }

    /**
     * Takes the vanished message with this identity, if there is exactly one candidate.
     *
     * @return where it is in the replica, or null
     */
    MessageLocation take(MessageIdentity identity) throws CoreException {
        if (vanished.isEmpty() || !identity.usable(byEmailId)) {
            return null;
        }
        MessageLocation match = null;
        for (MessageLocation loc : candidates(identity)) {
            UidSet gone = vanished.get(loc.mailbox());
            if (gone != null && gone.contains(loc.message().uid())
                    && MessageIdentity.of(loc.message()).matches(identity, byEmailId)) {
                if (match != null) {
                    return null; // ambiguous: download rather than guess
                }
                match = loc;
            }
        }
        if (match != null) {
            vanished.put(match.mailbox(), vanished.get(match.mailbox()).minus(UidSet.of(match.message().uid())));
        }
        return match;
    }

    /** @return stored messages with this identity, among them the vanished ones (taken ones are filtered out later) */
    private List<MessageLocation> candidates(MessageIdentity identity) throws CoreException {
        if (vanished.values().stream().mapToLong(UidSet::size).sum() > PRELOAD_LIMIT) {
            return byEmailId ? store.findByEmailId(account, identity.emailId())
                    : store.findByMessageId(account, identity.messageId());
        }
        if (index == null) {
            Map<Long, List<MessageLocation>> read = new HashMap<>();
            for (Map.Entry<MailboxRef, UidSet> e : vanished.entrySet()) {
                if (e.getValue().isEmpty()) {
                    continue;
                }
                store.scan(e.getKey(), e.getValue(), m -> {
                    MessageIdentity id = MessageIdentity.of(m);
                    if (id.usable(byEmailId)) {
                        read.computeIfAbsent(id.key(byEmailId), k -> new ArrayList<>(1))
                                .add(new MessageLocation(e.getKey(), m));
                    }
                    return true;
                });
            }
            index = read;
        }
        return index.getOrDefault(identity.key(byEmailId), List.of());
    }
}
