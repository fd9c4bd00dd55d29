/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import java.util.Arrays;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;

import io.tidemark.imap.api.FetchItem;
import io.tidemark.imap.api.FetchSpec;
import io.tidemark.imap.api.SearchKey;
import io.tidemark.imap.api.SelectResult;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.JournalEntry;
import io.tidemark.store.api.StoreTransaction;
import io.tidemark.store.api.UidRemap;

/**
 * Recovery from a UIDVALIDITY change without downloading again what the replica already has: the old
 * epoch's messages are indexed by identity, the new epoch's identities are fetched window by window
 * (ENVELOPE, size, date; EMAILID where offered) and matched. Memory: ~32 bytes per replica message for the
 * index, plus the pairs found.
 */
final class UidValidityReset {

    /** What re-identification found. */
    record ResetMatch(UidRemap remap, long dropped) {
        int size() {
            return remap.size();
        }

        UidRemap toStoreRemap() {
            return remap;
        }
    }

    private final PassContext ctx;
    private final MailboxRef ref;

    UidValidityReset(PassContext ctx, MailboxRef ref) {
        this.ctx = ctx;
        this.ref = ref;
    }

    /**
     * @param sel the SELECT that revealed the new UIDVALIDITY (the mailbox is selected)
     * @return old-to-new UID pairs of the messages found in both epochs
     */
    ResetMatch reidentify(SelectResult sel, IProgressMonitor monitor) throws CoreException {
        UidSet oldUids = ctx.store.uids(ref);
        LongLongMap index = new LongLongMap((int) Math.min(Integer.MAX_VALUE / 4, oldUids.size() + 16));
        ctx.store.scan(ref, oldUids, r -> {
            MessageIdentity id = MessageIdentity.of(r);
            if (id.usable(ctx.byEmailId)) {
                index.put(id.key(ctx.byEmailId), r.uid());
            }
            return true;
        });
        long[] olds = new long[16];
        long[] news = new long[16];
        int[] n = { 0 };
        if (sel.exists() > 0 && !oldUids.isEmpty()) {
            int window = ctx.settings.newWindow();
            long hi = sel.uidNext() > 0 ? sel.uidNext() - 1 : UidSet.MAX_UID;
            List<UidSet> windows = new java.util.ArrayList<>();
            if (sel.uidNext() <= 0 || hi > 4L * Math.max(window, sel.exists())) {
                // unknown or sparse UID range: ask which UIDs exist
                UidSet present = ctx.connection.session().search(SearchKey.uids(UidSet.range(1, hi)), monitor);
                windows.addAll(present.split(window));
            } else {
                for (long lo = 1; lo <= hi; lo += window) {
                    windows.add(UidSet.range(lo, Math.min(hi, lo + window - 1)));
                }
            }
            // just what identifies a message: ~100 bytes each instead of a ~1 KB ENVELOPE
            FetchSpec spec = ctx.byEmailId ? FetchSpec.of(FetchItem.EMAILID, FetchItem.SIZE, FetchItem.INTERNALDATE)
                    : FetchSpec.of(FetchItem.SIZE, FetchItem.INTERNALDATE).withHeaderFields("Message-ID");
            SubMonitor sub = SubMonitor.convert(monitor, "Re-identifying messages of " + ref.name(), windows.size());
            long[][] arrays = { olds, news };
            for (UidSet w : windows) {
                ctx.connection.session().fetch(w, spec, m -> {
                    MessageIdentity id = m.headerFields() == null ? MessageIdentity.of(m)
                            : new MessageIdentity(m.emailId(), MessageHeaders.fieldOfHeader(m.headerFields(),
                                    "Message-ID"), m.size(), m.internalDate());
                    if (m.uid() <= 0 || !id.usable(ctx.byEmailId)) {
                        return;
                    }
                    long key = id.key(ctx.byEmailId);
                    long old = index.get(key);
                    if (old != LongLongMap.MISSING) {
                        index.remove(key);
                        if (n[0] == arrays[0].length) {
                            arrays[0] = Arrays.copyOf(arrays[0], n[0] * 2);
                            arrays[1] = Arrays.copyOf(arrays[1], n[0] * 2);
                        }
                        arrays[0][n[0]] = old;
                        arrays[1][n[0]] = m.uid();
                        n[0]++;
                    }
                }, sub.split(1));
            }
            olds = arrays[0];
            news = arrays[1];
        }
        UidRemap remap = new UidRemap(Arrays.copyOf(olds, n[0]), Arrays.copyOf(news, n[0]));
        return new ResetMatch(remap, oldUids.size() - n[0]);
    }

    /**
     * Remaps the pending journal entries of the mailbox to the new epoch. An entry whose UIDs all map stays
     * where it is in the order; UIDs that cannot be mapped are split off into an entry that waits for the user
     * (never silently dropped).
     *
     * @return {remapped entries, entries needing the user}
     */
    static long[] remapJournal(StoreTransaction tx, List<JournalEntry> journal, MailboxRef ref, long oldUv,
            long newUv, ResetMatch match) throws CoreException {
        long remapped = 0;
        long needsUser = 0;
        String reason = "UIDVALIDITY of " + ref.name() + " changed from " + oldUv + " to " + newUv
                + " and these messages could not be found in the new epoch";
        for (JournalEntry e : journal) {
            if (!e.mailbox().equals(ref) || e.uidValidity() != oldUv || e.uids().isEmpty()
                    || e.state() == JournalEntry.State.NEEDS_USER) {
                continue;
            }
            UidSet.Builder mapped = UidSet.builder();
            UidSet.Builder unmapped = UidSet.builder();
            e.uids().forEachUid(u -> {
                long nu = match.remap().newUidOf(u);
                if (nu > 0) {
                    mapped.add(nu);
                } else {
                    unmapped.add(u);
                }
            });
            UidSet m = mapped.build();
            UidSet um = unmapped.build();
            if (um.isEmpty()) {
                tx.updateJournal(e.remapped(newUv, m));
                remapped++;
            } else if (m.isEmpty()) {
                tx.updateJournal(e.withState(JournalEntry.State.NEEDS_USER, reason));
                needsUser++;
            } else {
                tx.updateJournal(e.remapped(newUv, m));
                tx.appendJournal(e.remapped(oldUv, um).withState(JournalEntry.State.NEEDS_USER, reason).withId(0));
                remapped++;
                needsUser++;
            }
        }
        return new long[] { remapped, needsUser };
    }
}
