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
import java.util.Optional;
import java.util.Set;

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
import io.tidemark.store.api.MailboxRecord;
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

    private Strategy strategy;
    private MailboxSyncState before;
    private SelectResult sel;
    private long uidNext;
    private UidSet vanished = UidSet.empty();
    /** Held UIDs above the old cursor found gone while fetching new messages; removed in step 3. */
    private UidSet lateVanished = UidSet.empty();
    /** The HIGHESTMODSEQ of the cursor when step 1 read it. */
    private long startModSeq;
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
    /** While {@link #fetchNew} runs: the cursor of the last chunk handed to {@link #writer} (sync thread only). */
    private MailboxSyncState planned;
    /** While {@link #fetchNew} runs: commits its chunks behind the download. */
    private WriteBehind writer;

    /**
     * @param listed the counters LIST-STATUS reported for this mailbox in this pass, or null
     */
    MailboxSync(PassContext ctx, MailboxRef ref, MailboxStatus listed) {
        this.ctx = ctx;
        this.ref = ref;
        this.listed = listed;
        this.strategy = ctx.caps.qresync() ? Strategy.QRESYNC : ctx.caps.condstore() ? Strategy.CONDSTORE : Strategy.PLAIN;
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
        startModSeq = before == null ? 0 : before.highestModSeq();
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
                        : UidSet.range(1, known.last());
        FlagBatch flags = new FlagBatch(ctx, ref, before.uidValidity());
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
        FlagBatch flags = new FlagBatch(ctx, ref, before.uidValidity());
        long lastSeen = before.lastSeenUid();
        UidSet local = ctx.store.uids(ref).slice(1, lastSeen);
        UidSet.Builder gone = UidSet.builder();
        UidSet.Builder missed = UidSet.builder();
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
            gone.addAll(scanFlags(scan, scan == local ? local : null, lastSeen, flags, missed, monitor));
        }
        flags.flush();
        changed += flags.changed();
        newUids = uidNext > before.uidNext() || uidNext <= 0 ? searchNew(lastSeen, monitor) : UidSet.empty();
        if (!missed.isEmpty()) {
            newUids = newUids.union(missed.build());
        }
        if (!flagScanned && !local.isEmpty()) {
            UidSet already = gone.build();
            // only new UIDs the SELECT's EXISTS can include: mail that arrived after it is not counted there
            long newAtSelect = uidNext > 0 ? newUids.slice(1, uidNext - 1).size() : newUids.size();
            long serverOld = Math.max(0, sel.exists() - newAtSelect);
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
        boolean known = ctx.store.mailbox(ref).isPresent();
        ctx.store.write(tx -> {
            if (!known) {
                // a mailbox named on the command line that no LIST has shown yet
                tx.putMailbox(new MailboxRecord(ref, '\0', Set.of(), false, true));
            }
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
     * bounds; a replica UID inside a window that the complete answer does not mention is gone (I3). A full scan's
     * windows cover 1..lastSeen, so a message below the cursor that the replica lacks (a server that let UIDNEXT
     * pass a message before showing it, or a replica restored from a backup) is found and fetched as new.
     *
     * @param held the replica's UIDs up to {@code lastSeen} when {@code scan} is all of them (a full scan), else null
     * @param missed receives, in a full scan, the server UIDs up to {@code lastSeen} that the replica does not hold
     * @return the replica UIDs the scan found expunged
     */
    private UidSet scanFlags(UidSet scan, UidSet held, long lastSeen, FlagBatch flags, UidSet.Builder missed,
            IProgressMonitor monitor) throws CoreException {
        UidSet.Builder gone = UidSet.builder();
        List<UidSet> windows = scan.split(ctx.settings.flagWindow());
        boolean full = held != null;
        SubMonitor sub = SubMonitor.convert(monitor, windows.size());
        for (int i = 0; i < windows.size(); i++) {
            UidSet w = windows.get(i);
            // a full scan also asks for the UIDs between the replica's windows, so that none goes unseen
            long lo = !full ? w.first() : i == 0 ? 1 : windows.get(i - 1).last() + 1;
            long hi = full && i == windows.size() - 1 ? Math.max(lastSeen, w.last()) : w.last();
            UidSet window = UidSet.range(lo, hi);
            UidSet.Builder present = UidSet.builder();
            long uidless = ctx.connection.uidlessFetches();
            ctx.connection.session().fetch(window, FetchSpec.FLAGS, m -> {
                if (m.uid() > 0) {
                    present.add(m.uid());
                    if (w.contains(m.uid()) && m.flags() != null) {
                        flags.add(m.uid(), m.flags(), 0);
                    } else if (full && m.uid() <= lastSeen && window.contains(m.uid()) && !held.contains(m.uid())) {
                        missed.add(m.uid());
                    }
                }
            }, sub.split(1));
            if (ctx.connection.uidlessFetches() == uidless) {
                gone.addAll(w.minus(present.build()));
            }
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
            SelectResult now = ctx.connection.ensureSelected(ref.name(), ctx.caps.condstore(), monitor);
            if (now.uidValidity() != before.uidValidity()) {
                // a new epoch began after step 1: commit nothing of it; the next sync re-identifies the mailbox
                fail(new io.tidemark.sync.api.SyncStatus(io.tidemark.sync.api.SyncError.UIDVALIDITY_RESET,
                        ref.account(), ref.name(), "UIDVALIDITY changed during the sync (" + before.uidValidity()
                                + " -> " + now.uidValidity() + "); the next sync re-identifies the mailbox", null));
                return;
            }
            if (newUids == null && newHi - newLo + 1 > 4L * ctx.settings.newWindow()) {
                // a sparse UID range (few messages over many UIDs): ask which UIDs exist instead of fetching
                // thousands of empty windows
                newUids = ctx.connection.session().search(SearchKey.uids(UidSet.range(newLo, newHi)), monitor);
                if (newUids.isEmpty()) {
                    return;
                }
            }
            List<UidSet> windows = newWindows();
            SubMonitor sub = SubMonitor.convert(monitor, "Downloading new messages of " + ref.name(), windows.size());
            UidSet existing = ctx.store.uids(ref);
            planned = before;
            writer = new WriteBehind("tidemark-store-writer " + ref.account() + "/" + ref.name());
            try {
                for (UidSet window : windows) {
                    fetchWindow(window, existing, pool, sub.split(1));
                }
            } catch (CoreException | RuntimeException | Error e) {
                writer.drainAfter(e);
                throw e;
            }
            writer.drain();
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

    /**
     * One window of new UIDs: metadata (and, when nothing can be a move and no body is wanted, headers and
     * structure in the same command), then the content of what is neither held nor a move, committed in
     * chunks whose bodies stay under {@code bodyWindowBytes}, each with the cursor that covers it.
     */
    private void fetchWindow(UidSet window, UidSet existing, MovePool pool, IProgressMonitor monitor)
            throws CoreException {
        SubMonitor sub = SubMonitor.convert(monitor, 3);
        boolean twoStep = !pool.isEmpty() || Records.anyBody(ctx.policy) || !window.intersect(existing).isEmpty();
        List<FetchedMessage> fetched = new ArrayList<>();
        FetchSpec first = twoStep ? Records.metadataSpec(ctx.byEmailId) : Records.combined(ctx.byEmailId, false);
        long uidless = ctx.connection.uidlessFetches();
        ctx.connection.session().fetch(window, first, m -> {
            if (m.uid() > 0 && window.contains(m.uid())) {
                fetched.add(m);
            }
        }, sub.split(1));
        fetched.sort((x, y) -> Long.compare(x.uid(), y.uid()));
        if (newUids == null && ctx.connection.uidlessFetches() == uidless) {
            // a held UID inside a complete answer over an explicit range is gone (I3): e.g. a message a replayed
            // APPEND or MOVE put here, expunged since by another client
            UidSet answered = UidSet.of(fetched.stream().mapToLong(FetchedMessage::uid).toArray());
            lateVanished = lateVanished.union(window.intersect(existing).minus(answered));
        }
        long windowHi = newUids != null ? window.last() : window.rangeEnd(window.rangeCount() - 1);
        List<FetchedMessage> chunk = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < fetched.size(); i++) {
            FetchedMessage m = fetched.get(i);
            long size = ctx.policy.wantsBody(m.size()) ? Math.max(0, m.size()) : 0;
            if (!chunk.isEmpty() && bytes + size > ctx.settings.bodyWindowBytes()) {
                commitChunk(chunk, existing, pool, twoStep, chunk.get(chunk.size() - 1).uid());
                chunk.clear();
                bytes = 0;
            }
            chunk.add(m);
            bytes += size;
        }
        commitChunk(chunk, existing, pool, twoStep, windowHi);
        sub.done();
    }

    /** Downloads what a chunk still needs and commits it with the cursor {@code cursorUid}. */
    private void commitChunk(List<FetchedMessage> chunk, UidSet existing, MovePool pool, boolean twoStep,
            long cursorUid) throws CoreException {
        List<FetchedMessage> needContent = new ArrayList<>();
        Map<Long, MessageContent> contents = new HashMap<>();
        List<MessageLocation> relinkFrom = new ArrayList<>();
        List<FetchedMessage> relinkTo = new ArrayList<>();
        List<FetchedMessage> records = new ArrayList<>();
        long fresh = 0;
        for (FetchedMessage m : chunk) {
            if (existing.contains(m.uid())) {
                // already here: relinked by a replayed APPEND or MOVE, or kept across a UIDVALIDITY reset
                records.add(m);
                MessageRecord cur = ctx.store.message(ref, m.uid()).orElse(null);
                boolean sameMessage = cur != null && java.util.Objects.equals(cur.messageId(), m.messageId());
                if (!sameMessage || ctx.store.content(ref, m.uid()).isEmpty()) {
                    needContent.add(m);
                }
                continue;
            }
            MessageLocation from = twoStep ? pool.take(MessageIdentity.of(m)) : null;
            if (from != null) {
                relinkFrom.add(from);
                relinkTo.add(m);
                continue;
            }
            records.add(m);
            fresh++;
            MessageContent content = Records.content(m);
            if (content != null) {
                contents.put(m.uid(), content);
            } else {
                needContent.add(m);
            }
        }
        fetchContent(needContent, contents, null);
        MailboxSyncState cursor = planned.withCounters(planned.uidNext(), planned.highestModSeq(),
                Math.max(planned.lastSeenUid(), cursorUid), planned.exists());
        planned = cursor;
        long freshCount = fresh;
        ctx.hooks.checkpoint("new:downloaded");
        writer.submit(() -> commit(cursor, records, contents, relinkFrom, relinkTo, existing, freshCount));
    }

    /**
     * Commits one chunk of new messages with the cursor that covers it; runs on the {@link WriteBehind} thread
     * while the next chunk downloads.
     */
    private void commit(MailboxSyncState cursor, List<FetchedMessage> records, Map<Long, MessageContent> contents,
            List<MessageLocation> relinkFrom, List<FetchedMessage> relinkTo, UidSet existing, long fresh)
            throws CoreException {
        ctx.store.write(tx -> {
            // the user's pending changes and hidden marks as they are now, not as the pass began
            PendingFlags pending = PendingFlags.of(ctx.store.journal(ref.account()), ref, before.uidValidity());
            for (int i = 0; i < relinkFrom.size(); i++) {
                MessageLocation from = relinkFrom.get(i);
                FetchedMessage m = relinkTo.get(i);
                tx.relink(from.mailbox(), from.message().uid(), ref, m.uid(), Records.record(m, pending.view(m.uid(),
                        flagsOf(m))));
            }
            List<MessageRecord> put = new ArrayList<>(records.size());
            for (FetchedMessage m : records) {
                MessageRecord rec = Records.record(m, pending.view(m.uid(), flagsOf(m)));
                // only a UID held before the pass can carry a hidden mark; new ones need no lookup
                Optional<MessageRecord> cur = existing.contains(m.uid()) ? tx.message(ref, m.uid()) : Optional.empty();
                put.add(cur.isPresent() ? rec.withHidden(cur.get().hidden()) : rec);
            }
            if (!put.isEmpty()) {
                tx.putMessages(ref, put);
            }
            if (!contents.isEmpty()) {
                tx.putContents(ref, contents);
            }
            tx.putSyncState(ref, cursor);
            return null;
        });
        before = cursor;
        added += fresh;
        moved += relinkFrom.size();
        ctx.hooks.checkpoint("new:window");
    }

    private static io.tidemark.model.Flags flagsOf(FetchedMessage m) {
        return m.flags() == null ? io.tidemark.model.Flags.EMPTY : m.flags();
    }

    /**
     * Downloads content for messages whose metadata came first: headers and structure, and full bodies where
     * the policy wants them (the caller keeps each chunk under the body byte limit).
     */
    private void fetchContent(List<FetchedMessage> messages, Map<Long, MessageContent> into, IProgressMonitor monitor)
            throws CoreException {
        if (messages.isEmpty()) {
            return;
        }
        UidSet.Builder headersOnly = UidSet.builder();
        UidSet.Builder bodies = UidSet.builder();
        for (FetchedMessage m : messages) {
            (ctx.policy.wantsBody(m.size()) ? bodies : headersOnly).add(m.uid());
        }
        for (boolean body : new boolean[] { false, true }) {
            UidSet set = (body ? bodies : headersOnly).build();
            if (set.isEmpty()) {
                continue;
            }
            ctx.connection.session().fetch(set, Records.contentSpec(body), m -> {
                MessageContent c = Records.content(m);
                if (c != null && set.contains(m.uid())) {
                    into.put(m.uid(), c);
                }
            }, monitor);
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
            UidSet remove = pool.remaining(ref).union(lateVanished);
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
                Optional<MailboxSyncState> cur = tx.syncState(ref);
                boolean rescanAsked = startModSeq > 0 && cur.isPresent() && cur.get().highestModSeq() == 0;
                // a discarded local flag change asked for a full rescan meanwhile: keep that request
                tx.putSyncState(ref, rescanAsked ? new MailboxSyncState(done.uidValidity(), done.uidNext(), 0,
                        done.lastSeenUid(), done.exists(), done.lastSync(), done.lastStrategy(), null) : done);
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
