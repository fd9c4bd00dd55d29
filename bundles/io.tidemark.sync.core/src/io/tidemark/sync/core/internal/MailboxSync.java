/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;

import io.tidemark.imap.api.FetchItem;
import io.tidemark.imap.api.FetchSpec;
import io.tidemark.imap.api.FetchedMessage;
import io.tidemark.imap.api.MessageSink;
import io.tidemark.imap.api.QresyncParams;
import io.tidemark.imap.api.SearchKey;
import io.tidemark.imap.api.SelectOptions;
import io.tidemark.imap.api.SelectResult;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.MailboxStatus;
import io.tidemark.model.TrafficCounters;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.MailboxSyncState;
import io.tidemark.store.api.MessageContent;
import io.tidemark.store.api.MessageLocation;
import io.tidemark.store.api.MessageRecord;
import io.tidemark.sync.api.Strategy;
import io.tidemark.sync.api.SyncReport;

/**
 * Brings one mailbox's server changes into its replica, in three steps that a pass runs for every mailbox
 * of the account before going on to the next step:
 * <ol>
 * <li>{@link #detect}: select the mailbox the cheapest way the server allows and find what changed: flag
 * changes (applied at once), expunged UIDs (remembered, with positive evidence only) and the range of new
 * UIDs;</li>
 * <li>{@link #fetchNew}: download new messages window by window, relinking those that are moves of
 * messages that vanished elsewhere in this pass, each window committed with the cursor that covers it;</li>
 * <li>{@link #finish}: remove the expunged messages and commit the final cursor in one transaction.</li>
 * </ol>
 * Until {@link #finish} commits, the stored HIGHESTMODSEQ stays at its old value, so a crash in between makes
 * the next sync see the same changes again (invariant I1).
 */
final class MailboxSync {

    /** A QRESYNC known-uids parameter longer than this is replaced by {@code 1:lastSeenUid}. */
    private static final int MAX_KNOWN_UIDS_TEXT = 2000;

    private final PassContext ctx;
    private final MailboxRef ref;
    private final MailboxStatus listed;

    private Strategy strategy = Strategy.PLAIN;
    private MailboxSyncState before;
    private SelectResult sel;
    private long uidNext;
    private UidSet vanished = UidSet.empty();
    private UidSet newUids;
    private long newLo = 1;
    private long newHi;
    private boolean flagScanned;
    /** Whether every old message's flags are known as of the SELECT, so its HIGHESTMODSEQ may be kept. */
    private boolean allFlagsKnown;
    private boolean unchanged;
    private boolean reset;
    private boolean failed;
    private long added;
    private long changed;
    private long vanishedCount;
    private long moved;
    private IStatus status = Status.OK_STATUS;
    private TrafficCounters traffic = TrafficCounters.ZERO;
    private long nanos;

    /**
     * @param listed the counters LIST-STATUS reported for this mailbox in this pass, or null
     */
    MailboxSync(PassContext ctx, MailboxRef ref, MailboxStatus listed) {
        this.ctx = ctx;
        this.ref = ref;
        this.listed = listed;
    }

    MailboxRef ref() {
        return ref;
    }

    /** @return the UIDs found expunged, for the account's move pool */
    UidSet vanished() {
        return vanished;
    }

    boolean failed() {
        return failed;
    }

    /** Marks the mailbox failed with {@code s}; later steps skip it. */
    void fail(IStatus s) {
        failed = true;
        status = s;
    }

    // ---------------------------------------------------------------- step 1: detect

    void detect(IProgressMonitor monitor) throws CoreException {
        long t0 = System.nanoTime();
        TrafficCounters c0 = counters();
        try {
            detectChanges(monitor);
        } finally {
            account(t0, c0);
        }
    }

    private void detectChanges(IProgressMonitor monitor) throws CoreException {
        before = ctx.store.syncState(ref).orElse(null);
        if (before != null && listed != null && unchangedPerStatus()) {
            strategy = Strategy.UNCHANGED;
            unchanged = true;
            return;
        }
        boolean qresync = ctx.caps.qresync() && before != null && before.highestModSeq() > 0;
        if (qresync) {
            detectQresync(monitor);
        } else {
            detectWithSelect(monitor);
        }
    }

    /**
     * LIST-STATUS (or STATUS) counters equal to the cursor mean nothing changed, provided the server keeps
     * mod-sequences (a flag change raises HIGHESTMODSEQ) or, without them, a flag scan is not due.
     */
    private boolean unchangedPerStatus() {
        boolean countersEqual = listed.uidValidity() == before.uidValidity() && listed.uidNext() == before.uidNext()
                && listed.messages() == before.exists();
        if (!countersEqual) {
            return false;
        }
        if (listed.highestModSeq() > 0 && before.highestModSeq() > 0) {
            return listed.highestModSeq() == before.highestModSeq();
        }
        return ctx.request.quick() && !fullFlagScanDue();
    }

    private void detectQresync(IProgressMonitor monitor) throws CoreException {
        strategy = Strategy.QRESYNC;
        UidSet known = ctx.store.uids(ref);
        UidSet knownParam = known.isEmpty() ? null
                : known.toExplicitString().length() <= MAX_KNOWN_UIDS_TEXT ? known
                        : before.lastSeenUid() > 0 ? UidSet.range(1, before.lastSeenUid()) : null;
        PendingFlags pending = PendingFlags.of(ctx.journal, ref, before.uidValidity());
        FlagBatch flags = new FlagBatch(ctx, ref, pending);
        UidSet.Builder gone = UidSet.builder();
        long lastSeen = before.lastSeenUid();
        MessageSink sink = new MessageSink() {
            @Override
            public void message(FetchedMessage m) throws CoreException {
                if (m.uid() > 0 && m.uid() <= lastSeen && m.flags() != null) {
                    flags.add(m.uid(), m.flags(), m.modSeq());
                }
            }

            @Override
            public void vanished(UidSet uids, boolean earlier) {
                gone.addAll(uids);
            }
        };
        sel = ctx.connection.select(ref.name(), SelectOptions.qresync(new QresyncParams(before.uidValidity(),
                before.highestModSeq(), knownParam, null, null)), sink, monitor);
        if (sel.uidValidity() != before.uidValidity()) {
            // RFC 7162 §3.2.5.2: on a UIDVALIDITY mismatch the server ignores the QRESYNC parameters
            handleReset(monitor);
            return;
        }
        flags.flush();
        changed += flags.changed();
        allFlagsKnown = true;
        vanished = gone.build().intersect(known);
        uidNext = resolveUidNext(monitor);
        if (uidNext - 1 > before.lastSeenUid()) {
            newLo = before.lastSeenUid() + 1;
            newHi = uidNext - 1;
        }
    }

    private void detectWithSelect(IProgressMonitor monitor) throws CoreException {
        boolean condstore = ctx.caps.condstore();
        sel = ctx.connection.select(ref.name(), condstore ? SelectOptions.CONDSTORE : SelectOptions.PLAIN,
                MessageSink.NONE, monitor);
        boolean modSeqs = condstore && sel.highestModSeq() > 0 && !sel.noModSeq();
        if (before == null) {
            initial(modSeqs, monitor);
            return;
        }
        if (sel.uidValidity() != before.uidValidity()) {
            handleReset(monitor);
            return;
        }
        boolean useCondstore = modSeqs && before.highestModSeq() > 0;
        strategy = useCondstore ? Strategy.CONDSTORE : Strategy.PLAIN;
        uidNext = resolveUidNext(monitor);
        boolean countersEqual = sel.exists() == before.exists() && uidNext == before.uidNext();
        if (useCondstore && countersEqual && sel.highestModSeq() == before.highestModSeq()) {
            unchanged = true; // nothing changed at all: no FETCH, no SEARCH
            allFlagsKnown = true;
            return;
        }
        PendingFlags pending = PendingFlags.of(ctx.journal, ref, before.uidValidity());
        FlagBatch flags = new FlagBatch(ctx, ref, pending);
        long lastSeen = before.lastSeenUid();
        UidSet local = ctx.store.uids(ref).slice(1, lastSeen);
        UidSet.Builder gone = UidSet.builder();
        if (useCondstore) {
            if (sel.highestModSeq() != before.highestModSeq() && lastSeen > 0) {
                ctx.connection.session().fetch(UidSet.range(1, lastSeen),
                        FetchSpec.of(FetchItem.FLAGS, FetchItem.MODSEQ).changedSince(before.highestModSeq()), m -> {
                            if (m.uid() > 0 && m.uid() <= lastSeen && m.flags() != null) {
                                flags.add(m.uid(), m.flags(), m.modSeq());
                            }
                        }, monitor);
            }
            allFlagsKnown = true;
        } else if (local.isEmpty()) {
            allFlagsKnown = true;
        } else {
            UidSet scan = local;
            if (ctx.request.quick() && !fullFlagScanDue()) {
                long size = local.size();
                scan = size <= ctx.settings.quickFlagWindow() ? local
                        : local.slice(local.get(size - ctx.settings.quickFlagWindow()), lastSeen);
            } else {
                flagScanned = true;
                allFlagsKnown = true;
            }
            gone.addAll(scanFlags(scan, flags, monitor));
        }
        flags.flush();
        changed += flags.changed();
        newUids = uidNext > before.uidNext() || uidNext <= 0 ? searchNew(lastSeen, monitor) : UidSet.empty();
        if (!flagScanned && !local.isEmpty()) {
            UidSet already = gone.build();
            long serverOld = sel.exists() - newUids.size();
            UidSet rest = local.minus(already);
            gone.addAll(new ExpungeFinder(ctx.connection).find(rest, lastSeen, serverOld, ctx.caps.esearch(), monitor));
        }
        vanished = gone.build();
    }

    /** The first sync of a mailbox (or of a mailbox that lost its state): everything is new. */
    private void initial(boolean modSeqs, IProgressMonitor monitor) throws CoreException {
        strategy = ctx.caps.qresync() && modSeqs ? Strategy.QRESYNC : modSeqs ? Strategy.CONDSTORE : Strategy.PLAIN;
        before = MailboxSyncState.initial(sel.uidValidity());
        MailboxSyncState start = before;
        ctx.store.write(tx -> {
            if (!tx.syncState(ref).isPresent()) {
                tx.putSyncState(ref, start);
            }
            return null;
        });
        uidNext = resolveUidNext(monitor);
        newLo = 1;
        newHi = uidNext - 1;
        allFlagsKnown = true;
    }

    /**
     * UIDNEXT from the SELECT, or, for a server that sends none, one above the highest UID a search finds.
     */
    private long resolveUidNext(IProgressMonitor monitor) throws CoreException {
        if (sel.uidNext() > 0) {
            return sel.uidNext();
        }
        long from = before == null ? 1 : before.lastSeenUid() + 1;
        UidSet found = sel.exists() == 0 ? UidSet.empty()
                : ctx.connection.session().search(SearchKey.uids(UidSet.range(from, UidSet.MAX_UID)), monitor);
        long floor = before == null ? 1 : Math.max(1, before.uidNext());
        return found.isEmpty() ? floor : Math.max(floor, found.last() + 1);
    }

    /** @return the UIDs above {@code lastSeen}, with an explicit upper bound (never {@code n:*}) */
    private UidSet searchNew(long lastSeen, IProgressMonitor monitor) throws CoreException {
        if (lastSeen >= UidSet.MAX_UID) {
            return UidSet.empty();
        }
        return ctx.connection.session().search(SearchKey.uids(UidSet.range(lastSeen + 1, UidSet.MAX_UID)), monitor);
    }

    /**
     * The plain method: {@code UID FETCH lo:hi (FLAGS)} over windows of the replica's UIDs with explicit
     * bounds; a replica UID inside a window that the complete answer does not mention is gone (I3).
     *
     * @return the replica UIDs the scan found expunged
     */
    private UidSet scanFlags(UidSet scan, FlagBatch flags, IProgressMonitor monitor) throws CoreException {
        UidSet.Builder gone = UidSet.builder();
        List<UidSet> windows = scan.split(ctx.settings.flagWindow());
        SubMonitor sub = SubMonitor.convert(monitor, windows.size());
        for (UidSet w : windows) {
            UidSet window = UidSet.range(w.first(), w.last());
            UidSet.Builder present = UidSet.builder();
            ctx.connection.session().fetch(window, FetchSpec.FLAGS, m -> {
                if (m.uid() > 0) {
                    present.add(m.uid());
                    if (w.contains(m.uid()) && m.flags() != null) {
                        flags.add(m.uid(), m.flags(), 0);
                    }
                }
            }, sub.split(1));
            gone.addAll(w.minus(present.build()));
        }
        return gone.build();
    }

    private boolean fullFlagScanDue() {
        return before == null || before.lastFlagScan() == null
                || Duration.between(before.lastFlagScan(), Instant.now()).compareTo(ctx.settings.fullFlagScanInterval()) >= 0;
    }

    // ---------------------------------------------------------------- UIDVALIDITY reset

    /**
     * The server started a new UIDVALIDITY epoch. Messages of the new epoch are re-identified (EMAILID, else
     * Message-ID + size + internal date) against the old replica; matches keep their content under their new
     * UIDs, the rest of the old epoch is dropped, pending local changes are remapped the same way, and the
     * unmatched new messages are downloaded by {@link #fetchNew}. All of the store part is one transaction.
     */
    private void handleReset(IProgressMonitor monitor) throws CoreException {
        reset = true;
        long oldUv = before.uidValidity();
        long newUv = sel.uidValidity();
        strategy = ctx.caps.qresync() ? Strategy.QRESYNC : ctx.caps.condstore() ? Strategy.CONDSTORE : Strategy.PLAIN;
        UidValidityReset.ResetMatch remap = new UidValidityReset(ctx, ref).reidentify(sel, monitor);
        ctx.hooks.checkpoint("reset");
        long[] journalOutcome = ctx.store.write(tx -> {
            tx.resetMailbox(ref, newUv, remap.toStoreRemap());
            return UidValidityReset.remapJournal(tx, ctx.store.journal(ctx.account.id()), ref, oldUv, newUv, remap);
        });
        moved += remap.size();
        before = MailboxSyncState.initial(newUv);
        uidNext = resolveUidNext(monitor);
        newLo = 1;
        newHi = uidNext - 1;
        allFlagsKnown = true; // every message of the new epoch is fetched with its current flags
        String msg = "UIDVALIDITY changed from " + oldUv + " to " + newUv + "; " + remap.size()
                + " messages re-identified and kept, " + remap.dropped() + " dropped"
                + (journalOutcome[1] > 0 ? ", " + journalOutcome[1] + " local changes need attention" : "")
                + (journalOutcome[0] > 0 ? ", " + journalOutcome[0] + " local changes remapped" : "");
        status = new io.tidemark.sync.api.SyncStatus(io.tidemark.sync.api.SyncError.UIDVALIDITY_RESET,
                ref.account(), ref.name(), msg, null);
    }

    // ---------------------------------------------------------------- step 2: new messages

    void fetchNew(MovePool pool, IProgressMonitor monitor) throws CoreException {
        if (failed || unchanged) {
            return;
        }
        boolean anyNew = newUids != null ? !newUids.isEmpty() : newHi >= newLo;
        if (!anyNew) {
            return;
        }
        long t0 = System.nanoTime();
        TrafficCounters c0 = counters();
        try {
            ctx.connection.ensureSelected(ref.name(), ctx.caps.condstore(), monitor);
            List<UidSet> windows = newWindows();
            SubMonitor sub = SubMonitor.convert(monitor, "Downloading new messages of " + ref.name(), windows.size());
            UidSet existing = ctx.store.uids(ref);
            for (UidSet window : windows) {
                fetchWindow(window, existing, pool, sub.split(1));
            }
        } finally {
            account(t0, c0);
        }
    }

    private List<UidSet> newWindows() {
        if (newUids != null) {
            return newUids.split(ctx.settings.newWindow());
        }
        List<UidSet> out = new ArrayList<>();
        for (long lo = newLo; lo <= newHi; lo += ctx.settings.newWindow()) {
            out.add(UidSet.range(lo, Math.min(newHi, lo + ctx.settings.newWindow() - 1)));
        }
        return out;
    }

    private void fetchWindow(UidSet window, UidSet existing, MovePool pool, IProgressMonitor monitor)
            throws CoreException {
        SubMonitor sub = SubMonitor.convert(monitor, 3);
        boolean twoStep = !pool.isEmpty() || Records.anyBody(ctx.policy) || !window.intersect(existing).isEmpty();
        List<FetchedMessage> fetched = new ArrayList<>();
        FetchSpec first = twoStep ? Records.metadataSpec(ctx.byEmailId) : Records.combined(ctx.byEmailId, false);
        ctx.connection.session().fetch(window, first, m -> {
            if (m.uid() > 0 && window.contains(m.uid())) {
                fetched.add(m);
            }
        }, sub.split(1));
        PendingFlags pending = PendingFlags.of(ctx.journal, ref, before.uidValidity());
        List<MessageRecord> records = new ArrayList<>();
        Map<Long, MessageContent> contents = new HashMap<>();
        List<MessageLocation> relinkFrom = new ArrayList<>();
        List<MessageRecord> relinkTo = new ArrayList<>();
        List<FetchedMessage> needContent = new ArrayList<>();
        for (FetchedMessage m : fetched) {
            MessageRecord rec = Records.record(m, pending.view(m.uid(), m.flags() == null
                    ? io.tidemark.model.Flags.EMPTY : m.flags()));
            if (existing.contains(m.uid())) {
                // already here: relinked by a replayed APPEND or MOVE, or kept across a UIDVALIDITY reset
                MessageRecord cur = ctx.store.message(ref, m.uid()).orElse(null);
                records.add(cur == null ? rec : rec.withHidden(cur.hidden()));
                if (cur == null || ctx.store.content(ref, m.uid()).isEmpty()) {
                    needContent.add(m);
                }
                continue;
            }
            MessageLocation from = twoStep ? pool.take(MessageIdentity.of(m)) : null;
            if (from != null) {
                relinkFrom.add(from);
                relinkTo.add(rec);
                continue;
            }
            records.add(rec);
            MessageContent content = Records.content(m);
            if (content != null) {
                contents.put(m.uid(), content);
            } else {
                needContent.add(m);
            }
        }
        fetchContent(needContent, contents, sub.split(1));
        long windowHi = newUids != null ? window.last() : window.rangeEnd(window.rangeCount() - 1);
        MailboxSyncState cursor = before.withCounters(before.uidNext(), before.highestModSeq(),
                Math.max(before.lastSeenUid(), windowHi), before.exists());
        ctx.store.write(tx -> {
            for (int i = 0; i < relinkFrom.size(); i++) {
                MessageLocation from = relinkFrom.get(i);
                MessageRecord to = relinkTo.get(i);
                tx.relink(from.mailbox(), from.message().uid(), ref, to.uid(), to);
            }
            if (!records.isEmpty()) {
                tx.putMessages(ref, records);
            }
            for (Map.Entry<Long, MessageContent> e : contents.entrySet()) {
                tx.putContent(ref, e.getKey(), e.getValue());
            }
            tx.putSyncState(ref, cursor);
            return null;
        });
        before = cursor;
        added += records.size() - countExisting(records, existing);
        moved += relinkFrom.size();
        ctx.hooks.checkpoint("new:window");
        sub.done();
    }

    private static long countExisting(List<MessageRecord> records, UidSet existing) {
        long n = 0;
        for (MessageRecord r : records) {
            if (existing.contains(r.uid())) {
                n++;
            }
        }
        return n;
    }

    /**
     * Downloads content for messages whose metadata came first: headers and structure, and full bodies where
     * the policy wants them, in windows bounded by bytes.
     */
    private void fetchContent(List<FetchedMessage> messages, Map<Long, MessageContent> into, IProgressMonitor monitor)
            throws CoreException {
        if (messages.isEmpty()) {
            return;
        }
        UidSet.Builder headersOnly = UidSet.builder();
        List<List<Long>> bodyWindows = new ArrayList<>();
        List<Long> current = new ArrayList<>();
        long bytes = 0;
        for (FetchedMessage m : messages) {
            if (ctx.policy.wantsBody(m.size())) {
                if (!current.isEmpty() && bytes + m.size() > ctx.settings.bodyWindowBytes()) {
                    bodyWindows.add(current);
                    current = new ArrayList<>();
                    bytes = 0;
                }
                current.add(m.uid());
                bytes += Math.max(0, m.size());
            } else {
                headersOnly.add(m.uid());
            }
        }
        if (!current.isEmpty()) {
            bodyWindows.add(current);
        }
        SubMonitor sub = SubMonitor.convert(monitor, 1 + bodyWindows.size());
        UidSet headers = headersOnly.build();
        if (!headers.isEmpty()) {
            ctx.connection.session().fetch(headers, Records.contentSpec(false), m -> {
                MessageContent c = Records.content(m);
                if (c != null && headers.contains(m.uid())) {
                    into.put(m.uid(), c);
                }
            }, sub.split(1));
        }
        for (List<Long> w : bodyWindows) {
            UidSet.Builder b = UidSet.builder();
            w.forEach(b::add);
            UidSet set = b.build();
            ctx.connection.session().fetch(set, Records.contentSpec(true), m -> {
                MessageContent c = Records.content(m);
                if (c != null && set.contains(m.uid())) {
                    into.put(m.uid(), c);
                }
            }, sub.split(1));
        }
    }

    // ---------------------------------------------------------------- step 3: finish

    void finish(MovePool pool, IProgressMonitor monitor) throws CoreException {
        if (failed) {
            return;
        }
        long t0 = System.nanoTime();
        TrafficCounters c0 = counters();
        try {
            if (unchanged && sel == null) {
                // LIST-STATUS said nothing changed: the cursor stands, only the time of the sync is new
                MailboxSyncState done = before.completed(Instant.now(), before.lastStrategy());
                ctx.store.write(tx -> {
                    tx.putSyncState(ref, done);
                    return null;
                });
                before = done;
                return;
            }
            UidSet remove = pool.remaining(ref);
            // the SELECT's HIGHESTMODSEQ becomes the cursor only if every change up to it is now applied
            boolean modSeqs = allFlagsKnown && sel.highestModSeq() > 0 && !sel.noModSeq();
            long lastSeen = Math.max(before.lastSeenUid(), uidNext - 1);
            Instant now = Instant.now();
            MailboxSyncState last = before;
            MailboxSyncState done = new MailboxSyncState(before.uidValidity(), uidNext,
                    modSeqs ? sel.highestModSeq() : 0, lastSeen, sel.exists(), now, strategy.name(),
                    flagScanned ? now : last.lastFlagScan());
            UidSet removed = ctx.store.write(tx -> {
                UidSet r = remove.isEmpty() ? UidSet.empty() : tx.removeMessages(ref, remove);
                tx.putSyncState(ref, done);
                return r;
            });
            before = done;
            vanishedCount += removed.size();
            ctx.hooks.checkpoint("finish");
        } finally {
            account(t0, c0);
        }
    }

    // ---------------------------------------------------------------- reporting

    private TrafficCounters counters() {
        return ctx.connection.session().counters();
    }

    private void account(long t0, TrafficCounters c0) {
        nanos += System.nanoTime() - t0;
        traffic = traffic.plus(counters().minus(c0));
    }

    SyncReport report() {
        return new SyncReport(ref, strategy, added, changed, vanishedCount, moved, 0, reset, traffic,
                Duration.ofNanos(nanos), Instant.now(), status);
    }
}
