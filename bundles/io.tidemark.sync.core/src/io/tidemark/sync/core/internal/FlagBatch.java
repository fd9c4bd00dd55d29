/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.CoreException;

import io.tidemark.model.Flags;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.MessageRecord;

/**
 * Server flag states gathered while a response streams in, written to the replica a window at a time so
 * that memory stays bounded by the window (invariant I5). Only the flags are written here; the sync cursor
 * that covers them is written later, with the step that completes the mailbox (I1: a crash in between just
 * repeats these idempotent writes).
 */
final class FlagBatch {

    private record Update(long uid, Flags flags, long modSeq) {
    }

    private final PassContext ctx;
    private final MailboxRef mailbox;
    private final long uidValidity;
    private final List<Update> buffer = new ArrayList<>();
    private long changed;

    FlagBatch(PassContext ctx, MailboxRef mailbox, long uidValidity) {
        this.ctx = ctx;
        this.mailbox = mailbox;
        this.uidValidity = uidValidity;
    }

    void add(long uid, Flags serverFlags, long modSeq) throws CoreException {
        buffer.add(new Update(uid, serverFlags, modSeq));
        if (buffer.size() >= ctx.settings.commitEvery()) {
            flush();
        }
    }

    void flush() throws CoreException {
        if (buffer.isEmpty()) {
            return;
        }
        List<Update> batch = new ArrayList<>(buffer);
        buffer.clear();
        changed += ctx.store.write(tx -> {
            // the user's pending changes as they are now (one may have been made while this pass runs)
            PendingFlags pending = PendingFlags.of(ctx.store.journal(mailbox.account()), mailbox, uidValidity);
            UidSet.Builder uids = UidSet.builder();
            for (Update u : batch) {
                uids.add(u.uid);
            }
            Map<Long, MessageRecord> held = new HashMap<>(tx.messages(mailbox, uids.build()));
            // the records with their new flags and MODSEQ, written as one batch (a UID reported twice: the last)
            Map<Long, MessageRecord> updated = new LinkedHashMap<>();
            long n = 0;
            for (Update u : batch) {
                MessageRecord cur = held.get(u.uid);
                if (cur == null) {
                    continue;
                }
                Flags view = pending.view(u.uid, u.flags);
                long modSeq = u.modSeq > 0 ? u.modSeq : cur.modSeq();
                boolean flagsDiffer = !cur.flags().equals(view);
                if (flagsDiffer || modSeq != cur.modSeq()) {
                    MessageRecord next = cur.withFlags(view, modSeq);
                    updated.put(u.uid, next);
                    held.put(u.uid, next);
                    if (flagsDiffer) {
                        n++;
                    }
                }
            }
            if (!updated.isEmpty()) {
                tx.putMessages(mailbox, updated.values());
            }
            return n;
        });
        ctx.hooks.checkpoint("flags:window");
    }

    /** @return how many messages' flags actually changed */
    long changed() {
        return changed;
    }
}
