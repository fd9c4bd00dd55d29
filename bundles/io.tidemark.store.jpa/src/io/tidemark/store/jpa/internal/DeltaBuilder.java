/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tidemark.model.AccountId;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.MailboxDelta;
import io.tidemark.store.api.MailboxDelta.Kind;
import io.tidemark.store.api.StoreDelta;

/**
 * Collects what one transaction changes, net of changes it undoes (a message added and removed again is
 * neither), in the order mailboxes were first touched. Used by the transaction's thread only.
 */
final class DeltaBuilder {

    private final Set<AccountId> accounts = new LinkedHashSet<>();
    private final List<Entry> order = new ArrayList<>();
    private final Map<MailboxRef, Entry> byRef = new HashMap<>();
    private boolean journal;

    private static final class Entry {
        MailboxRef ref;
        Kind kind = Kind.CHANGED;
        MailboxName renamedFrom;
        UidSet added = UidSet.empty();
        UidSet changed = UidSet.empty();
        UidSet removed = UidSet.empty();
        boolean syncState;
        boolean recordChanged;
        boolean dropped;

        Entry(MailboxRef ref) {
            this.ref = ref;
        }
    }

    private Entry entry(MailboxRef ref) {
        Entry e = byRef.get(ref);
        if (e == null) {
            e = new Entry(ref);
            byRef.put(ref, e);
            order.add(e);
        }
        return e;
    }

    void account(AccountId id) {
        accounts.add(id);
    }

    void journal() {
        journal = true;
    }

    /**
     * A mailbox record was written; {@code created} if it did not exist, {@code changed} if it differs from the
     * record before.
     */
    void mailboxPut(MailboxRef ref, boolean created, boolean changed) {
        Entry e = entry(ref);
        e.recordChanged |= changed;
        if (created) {
            // removed and created again in one transaction: a new mailbox (new id) whatever came before
            e.kind = Kind.CREATED;
            e.renamedFrom = null;
            e.added = UidSet.empty();
            e.changed = UidSet.empty();
            e.removed = UidSet.empty();
            e.dropped = false;
        }
    }

    void renamed(MailboxRef from, MailboxRef to) {
        Entry e = byRef.remove(from);
        if (e == null) {
            e = new Entry(from);
            order.add(e);
        }
        if (e.kind != Kind.CREATED) {
            if (e.kind != Kind.RENAMED) {
                e.renamedFrom = from.name();
            }
            e.kind = Kind.RENAMED;
        }
        e.ref = to;
        byRef.put(to, e);
    }

    /** A mailbox was removed with the messages it held ({@code held}: their UIDs at the removal). */
    void removed(MailboxRef ref, UidSet held) {
        Entry e = entry(ref);
        if (e.kind == Kind.CREATED) {
            e.dropped = true; // created and removed in one transaction: nothing happened
        } else {
            e.kind = Kind.REMOVED;
        }
        // what the mailbox held before this transaction, and what this transaction removed already
        e.removed = e.removed.union(held.minus(e.added));
        e.added = UidSet.empty();
        e.changed = UidSet.empty();
        e.syncState = false;
    }

    void reset(MailboxRef ref, UidSet removedUids, UidSet keptNewUids) {
        Entry e = entry(ref);
        if (e.kind != Kind.CREATED) {
            e.kind = Kind.RESET;
        }
        // the old epoch's UIDs are gone; what remains are the kept messages under their new UIDs
        e.removed = e.removed.union(removedUids.minus(e.added));
        e.added = keptNewUids;
        e.changed = UidSet.empty();
        e.syncState = true;
    }

    void syncState(MailboxRef ref) {
        entry(ref).syncState = true;
    }

    void added(MailboxRef ref, UidSet uids) {
        if (uids.isEmpty()) {
            return;
        }
        Entry e = entry(ref);
        // a UID removed earlier in this transaction and inserted again is a changed message
        UidSet back = uids.intersect(e.removed);
        e.removed = e.removed.minus(back);
        e.changed = e.changed.union(back.minus(e.added));
        e.added = e.added.union(uids.minus(back));
    }

    void changed(MailboxRef ref, UidSet uids) {
        if (uids.isEmpty()) {
            return;
        }
        Entry e = entry(ref);
        e.changed = e.changed.union(uids.minus(e.added));
    }

    void removedMessages(MailboxRef ref, UidSet uids) {
        if (uids.isEmpty()) {
            return;
        }
        Entry e = entry(ref);
        UidSet wasNew = uids.intersect(e.added);
        e.added = e.added.minus(wasNew);
        e.changed = e.changed.minus(uids);
        e.removed = e.removed.union(uids.minus(wasNew));
    }

    StoreDelta build() {
        List<MailboxDelta> out = new ArrayList<>(order.size());
        for (Entry e : order) {
            if (e.dropped || (e.kind == Kind.CHANGED && !e.recordChanged && !e.syncState && e.added.isEmpty()
                    && e.changed.isEmpty() && e.removed.isEmpty())) {
                continue; // touched, but nothing changed
            }
            out.add(new MailboxDelta(e.ref, e.kind, e.kind == Kind.RENAMED ? e.renamedFrom : null, e.added,
                    e.changed, e.removed, e.syncState));
        }
        return new StoreDelta(accounts, out, journal);
    }
}
