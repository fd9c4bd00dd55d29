/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import java.util.ArrayList;
import java.util.List;

import io.tidemark.model.Flags;
import io.tidemark.model.MailboxRef;
import io.tidemark.store.api.JournalEntry;
import io.tidemark.store.api.JournalOperation;

/**
 * The user's flag changes not yet acknowledged by the server, so that server flags written into the replica
 * keep showing what the user did: the view is the server's flags with each pending change applied in order
 * (the user's change wins for the flags the user changed, the server's for the others).
 */
final class PendingFlags {

    static final PendingFlags NONE = new PendingFlags(List.of());

    private final List<JournalEntry> entries;

    private PendingFlags(List<JournalEntry> entries) {
        this.entries = entries;
    }

    /** @return the pending FLAGS entries of one mailbox, in order */
    static PendingFlags of(List<JournalEntry> journal, MailboxRef mailbox, long uidValidity) {
        return of(journal, mailbox, uidValidity, List.of());
    }

    /** @return the pending FLAGS entries of one mailbox, in order, except those being acknowledged */
    static PendingFlags of(List<JournalEntry> journal, MailboxRef mailbox, long uidValidity,
            List<JournalEntry> except) {
        java.util.Set<Long> skip = new java.util.HashSet<>();
        except.forEach(e -> skip.add(e.id()));
        List<JournalEntry> mine = new ArrayList<>();
        for (JournalEntry e : journal) {
            if (e.operation() == JournalOperation.FLAGS && e.mailbox().equals(mailbox)
                    && e.uidValidity() == uidValidity && e.state() != JournalEntry.State.NEEDS_USER
                    && !skip.contains(e.id())) {
                mine.add(e);
            }
        }
        return mine.isEmpty() ? NONE : new PendingFlags(mine);
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** @return the flags the user should see for {@code uid} given the server's */
    Flags view(long uid, Flags server) {
        Flags f = server;
        for (JournalEntry e : entries) {
            if (e.uids().contains(uid)) {
                f = f.plus(e.flagsToAdd()).minus(e.flagsToRemove());
            }
        }
        return f;
    }
}
