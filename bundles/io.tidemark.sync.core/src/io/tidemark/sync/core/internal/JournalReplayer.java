/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.SubMonitor;

import io.tidemark.imap.api.AppendUid;
import io.tidemark.imap.api.CopyUid;
import io.tidemark.imap.api.FetchItem;
import io.tidemark.imap.api.FetchSpec;
import io.tidemark.imap.api.FlagOperation;
import io.tidemark.imap.api.ImapError;
import io.tidemark.imap.api.ImapSession;
import io.tidemark.imap.api.ImapStatus;
import io.tidemark.imap.api.MessageSink;
import io.tidemark.imap.api.SearchKey;
import io.tidemark.imap.api.SelectResult;
import io.tidemark.model.CodedStatus;
import io.tidemark.model.Envelope;
import io.tidemark.model.Flags;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.SystemFlag;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.JournalEntry;
import io.tidemark.store.api.JournalOperation;
import io.tidemark.store.api.MailboxRecord;
import io.tidemark.store.api.MailboxSyncState;
import io.tidemark.store.api.MessageContent;
import io.tidemark.store.api.MessageRecord;
import io.tidemark.sync.api.SyncError;
import io.tidemark.sync.api.SyncStatus;

/**
 * Sends the journal of local changes to the server in the order the user acted (RFC 4549 §3 step c), each
 * change exactly once:
 * <ul>
 * <li>every replayed command is idempotent (±FLAGS, {@code \Deleted} + UID EXPUNGE of exactly those UIDs,
 * MOVE of UIDs that may already be gone, CREATE of a mailbox that may exist), so repeating the change whose
 * acknowledgement a crash lost changes nothing;</li>
 * <li>an APPEND is marked {@link JournalEntry.State#IN_FLIGHT} in the store before it is sent, and an
 * in-flight APPEND is first looked up on the server by its Message-ID;</li>
 * <li>an entry leaves the journal only in the transaction that records the server's acknowledgement in the
 * replica (invariant I2).</li>
 * </ul>
 * Runs of consecutive entries of the same kind on the same mailbox go out as one command.
 */
final class JournalReplayer {

    private final PassContext ctx;
    private final List<IStatus> problems = new ArrayList<>();
    private final Map<MailboxRef, Long> replayed = new HashMap<>();
    /** Mailboxes whose later changes wait because an earlier one was deferred in this pass. */
    private final Set<MailboxName> blockedNames = new HashSet<>();
    private boolean changedMailboxes;
    private final Set<MailboxRef> resetDone = new HashSet<>();
    private final List<MailboxSync> resets = new ArrayList<>();

    JournalReplayer(PassContext ctx) {
        this.ctx = ctx;
    }

    /** @return warnings and rejections found while replaying */
    List<IStatus> problems() {
        return problems;
    }

    /** @return whether a replayed change created, renamed or deleted a mailbox */
    boolean changedMailboxes() {
        return changedMailboxes;
    }

    /** @return per mailbox, how many changes the server acknowledged */
    Map<MailboxRef, Long> replayed() {
        return replayed;
    }

    /**
     * Replays every pending change that is due, in the user's order. An entry that is not due yet (backoff),
     * or that failed with a retryable error in this pass, blocks every later entry that names the same mailbox
     * (as its mailbox or as a MOVE/RENAME target), so that nothing overtakes it.
     *
     * @throws CoreException if the server cannot be reached or the pass is canceled (the changes stay queued)
     */
    void replay(IProgressMonitor monitor) throws CoreException {
        for (int round = 0; round < 10; round++) {
            List<JournalEntry> all = ctx.store.journal(ctx.account.id());
            if (all.isEmpty()) {
                return;
            }
            SubMonitor sub = SubMonitor.convert(monitor, "Sending local changes", all.size());
            Set<MailboxName> held = new HashSet<>(blockedNames);
            Instant now = Instant.now();
            boolean restart = false;
            int i = 0;
            while (i < all.size() && !restart) {
                JournalEntry e = all.get(i);
                if (e.state() == JournalEntry.State.NEEDS_USER) {
                    i++;
                    continue;
                }
                boolean notDue = e.notBefore() != null && e.notBefore().isAfter(now);
                if (notDue || names(e).stream().anyMatch(held::contains)) {
                    held.addAll(names(e));
                    i++;
                    continue;
                }
                List<JournalEntry> batch = batchAt(all, i, held, now);
                i += batch.size();
                ctx.hooks.checkpoint("replay:before");
                try {
                    restart = apply(batch, sub.split(batch.size()));
                } catch (CoreException ex) {
                    if (handleFailure(batch, ex)) {
                        held.addAll(names(batch.get(0)));
                        blockedNames.addAll(names(batch.get(0)));
                    }
                }
            }
            if (!restart) {
                return;
            }
        }
    }

    /** @return the mailboxes an entry depends on: its own and its MOVE/RENAME target */
    private static List<MailboxName> names(JournalEntry e) {
        return e.target() == null ? List.of(e.mailbox().name()) : List.of(e.mailbox().name(), e.target());
    }

    /** Consecutive entries that one command can carry without changing what the user's order means. */
    private static List<JournalEntry> batchAt(List<JournalEntry> entries, int start, Set<MailboxName> held,
            Instant now) {
        JournalEntry head = entries.get(start);
        List<JournalEntry> batch = new ArrayList<>();
        batch.add(head);
        boolean batchable = head.state() == JournalEntry.State.PENDING && (head.operation() == JournalOperation.FLAGS
                || head.operation() == JournalOperation.DELETE || head.operation() == JournalOperation.MOVE);
        for (int j = start + 1; batchable && j < entries.size(); j++) {
            JournalEntry e = entries.get(j);
            boolean same = e.state() == JournalEntry.State.PENDING && e.operation() == head.operation()
                    && (e.notBefore() == null || !e.notBefore().isAfter(now))
                    && names(e).stream().noneMatch(held::contains)
                    && e.mailbox().equals(head.mailbox()) && e.uidValidity() == head.uidValidity()
                    && e.flagsToAdd().equals(head.flagsToAdd()) && e.flagsToRemove().equals(head.flagsToRemove())
                    && Objects.equals(e.target(), head.target());
            if (!same) {
                break;
            }
            batch.add(e);
        }
        return batch;
    }

    private static UidSet uidsOf(List<JournalEntry> batch) {
        UidSet u = UidSet.empty();
        for (JournalEntry e : batch) {
            u = u.union(e.uids());
        }
        return u;
    }

    /** @return true if the journal was remapped (UIDVALIDITY reset) and the replay must start over */
    private boolean apply(List<JournalEntry> batch, IProgressMonitor monitor) throws CoreException {
        JournalEntry head = batch.get(0);
        switch (head.operation()) {
            case FLAGS, DELETE, MOVE -> {
                SelectResult sel = ctx.connection.ensureSelected(head.mailbox().name(), ctx.caps.condstore(), monitor);
                if (sel.uidValidity() != head.uidValidity()) {
                    Optional<MailboxSyncState> state = ctx.store.syncState(head.mailbox());
                    if (state.isPresent() && state.get().uidValidity() == sel.uidValidity()) {
                        // the replica is already in the server's epoch: these UIDs belong to an older one
                        stale(batch);
                        return false;
                    }
                    return resetUnder(head.mailbox(), monitor);
                }
                switch (head.operation()) {
                    case FLAGS -> replayFlags(batch, sel, monitor);
                    case DELETE -> replayDelete(batch, monitor);
                    default -> replayMove(batch, monitor);
                }
            }
            case APPEND -> replayAppend(head, monitor);
            default -> replayMailboxOperation(head, monitor);
        }
        replayed.merge(head.mailbox(), (long) batch.size(), Long::sum);
        return false;
    }

    /**
     * The mailbox moved to a new UIDVALIDITY epoch under pending changes: re-identify its messages and remap
     * the journal (what cannot be remapped waits for the user), then replay again.
     */
    private boolean resetUnder(MailboxRef mailbox, IProgressMonitor monitor) throws CoreException {
        if (!resetDone.add(mailbox)) {
            blockedNames.add(mailbox.name());
            problems.add(new SyncStatus(SyncError.CHANGE_NEEDS_USER, mailbox.account(), mailbox.name(),
                    "UIDVALIDITY keeps changing; local changes are kept for later", null));
            return false;
        }
        MailboxSync reset = new MailboxSync(ctx, mailbox, null);
        reset.detect(monitor);
        if (reset.report().uidValidityReset()) {
            resets.add(reset);
        }
        ctx.connection.invalidateSelection();
        return true;
    }

    /** Entries whose UIDs belong to an epoch the replica has left: they wait for the user, never lost. */
    private void stale(List<JournalEntry> batch) throws CoreException {
        JournalEntry head = batch.get(0);
        String why = "the UIDVALIDITY of " + head.mailbox().name() + " changed since this change was made";
        ctx.store.write(tx -> {
            for (JournalEntry e : batch) {
                tx.updateJournal(e.withState(JournalEntry.State.NEEDS_USER, why));
            }
            return null;
        });
        problems.add(new SyncStatus(SyncError.CHANGE_NEEDS_USER, head.mailbox().account(), head.mailbox().name(),
                head.operation() + " of UIDs " + uidsOf(batch) + " kept for you to retry or discard: " + why, null));
    }

    /** @return the mailboxes whose epoch was reset during replay (their reports carry the reset status) */
    List<MailboxSync> resets() {
        return resets;
    }

    // ---------------------------------------------------------------- flags

    private void replayFlags(List<JournalEntry> batch, SelectResult sel, IProgressMonitor monitor)
            throws CoreException {
        JournalEntry head = batch.get(0);
        MailboxRef ref = head.mailbox();
        UidSet uids = uidsOf(batch);
        Flags add = head.flagsToAdd();
        Flags remove = head.flagsToRemove();
        ImapSession s = ctx.connection.session();
        Map<Long, Flags> serverFlags = new HashMap<>();
        Map<Long, Long> modSeqs = new HashMap<>();
        MessageSink collect = m -> {
            if (m.uid() > 0 && m.flags() != null) {
                serverFlags.put(m.uid(), m.flags());
                if (m.modSeq() > 0) {
                    modSeqs.put(m.uid(), m.modSeq());
                }
            }
        };
        boolean condstore = ctx.caps.condstore() && sel.highestModSeq() > 0 && !sel.noModSeq();
        if (condstore) {
            // UNCHANGEDSINCE the replica's cursor: a message another client changed since our last sync comes
            // back in [MODIFIED] and goes through the per-flag merge below (RFC 4549 §6.1, RFC 7162 §3.1.3)
            long since = ctx.store.syncState(ref).map(MailboxSyncState::highestModSeq).orElse(0L);
            UidSet conflicts = UidSet.empty();
            if (!add.isEmpty()) {
                conflicts = conflicts.union(s.store(uids, FlagOperation.ADD, add, since, collect, monitor).modified());
            }
            if (!remove.isEmpty()) {
                long afterAdd = Math.max(since, modSeqs.values().stream().mapToLong(Long::longValue).max().orElse(0));
                conflicts = conflicts.union(
                        s.store(uids.minus(conflicts), FlagOperation.REMOVE, remove, afterAdd, collect, monitor).modified());
            }
            for (int attempt = 0; !conflicts.isEmpty() && attempt <= ctx.settings.conflictRetries(); attempt++) {
                conflicts = mergeConflicts(conflicts, add, remove, collect, serverFlags, modSeqs, monitor);
            }
            if (!conflicts.isEmpty()) {
                throw SyncStatus.exception(SyncError.CHANGE_DEFERRED, ref.account(), ref.name(),
                        "messages " + conflicts + " keep changing on the server; the flag change will be retried",
                        null);
            }
        } else {
            // without CONDSTORE the same merge runs against a fresh FETCH: only what differs is stored
            s.fetch(uids, FetchSpec.FLAGS, collect, monitor);
            UidSet.Builder needAdd = UidSet.builder();
            UidSet.Builder needRemove = UidSet.builder();
            for (Map.Entry<Long, Flags> e : serverFlags.entrySet()) {
                Flags desired = e.getValue().plus(add).minus(remove);
                if (!desired.minus(e.getValue()).isEmpty()) {
                    needAdd.add(e.getKey());
                }
                if (!e.getValue().minus(desired).isEmpty()) {
                    needRemove.add(e.getKey());
                }
            }
            if (!needAdd.isEmpty()) {
                s.store(needAdd.build(), FlagOperation.ADD, add, 0, collect, monitor);
            }
            if (!needRemove.isEmpty()) {
                s.store(needRemove.build(), FlagOperation.REMOVE, remove, 0, collect, monitor);
            }
        }
        ctx.hooks.checkpoint("replay:sent");
        ctx.store.write(tx -> {
            // the user's other pending changes, read now: changes made while this pass runs count too
            PendingFlags stillPending = PendingFlags.of(ctx.store.journal(ref.account()), ref, head.uidValidity(),
                    batch);
            for (Map.Entry<Long, Flags> e : serverFlags.entrySet()) {
                long modSeq = modSeqs.getOrDefault(e.getKey(), 0L);
                Optional<MessageRecord> cur = tx.message(ref, e.getKey());
                if (cur.isPresent()) {
                    tx.updateFlags(ref, e.getKey(), stillPending.view(e.getKey(), e.getValue()),
                            modSeq > 0 ? modSeq : cur.get().modSeq());
                }
            }
            for (JournalEntry e : batch) {
                tx.removeJournal(e.id());
            }
            return null;
        });
        ctx.hooks.checkpoint("replay:recorded");
    }

    /**
     * Three-way merge per flag: for each flag the user changed, the user's value wins; for the others, the
     * server's. Since the journal holds exactly the flags the user changed, the result is
     * {@code (server ∪ add) \ remove}, stored with UNCHANGEDSINCE the freshly fetched MODSEQ.
     *
     * @return the UIDs still in conflict
     */
    private UidSet mergeConflicts(UidSet conflicts, Flags add, Flags remove, MessageSink collect,
            Map<Long, Flags> serverFlags, Map<Long, Long> modSeqs, IProgressMonitor monitor) throws CoreException {
        ImapSession s = ctx.connection.session();
        s.fetch(conflicts, FetchSpec.of(FetchItem.FLAGS, FetchItem.MODSEQ), collect, monitor);
        UidSet.Builder needAdd = UidSet.builder();
        UidSet.Builder needRemove = UidSet.builder();
        long since = 0;
        for (long uid : conflicts.toArray()) {
            Flags server = serverFlags.get(uid);
            if (server == null) {
                continue; // gone from the server: nothing to merge
            }
            since = Math.max(since, modSeqs.getOrDefault(uid, 0L));
            Flags desired = server.plus(add).minus(remove);
            if (!desired.minus(server).isEmpty()) {
                needAdd.add(uid);
            }
            if (!server.minus(desired).isEmpty()) {
                needRemove.add(uid);
            }
        }
        UidSet still = UidSet.empty();
        if (!needAdd.isEmpty()) {
            still = still.union(s.store(needAdd.build(), FlagOperation.ADD, add, since, collect, monitor).modified());
        }
        if (!needRemove.isEmpty()) {
            long afterAdd = Math.max(since, modSeqs.values().stream().mapToLong(Long::longValue).max().orElse(0));
            still = still.union(
                    s.store(needRemove.build(), FlagOperation.REMOVE, remove, afterAdd, collect, monitor).modified());
        }
        return still;
    }

    // ---------------------------------------------------------------- delete and move

    private void replayDelete(List<JournalEntry> batch, IProgressMonitor monitor) throws CoreException {
        MailboxRef ref = batch.get(0).mailbox();
        UidSet uids = uidsOf(batch);
        ImapSession s = ctx.connection.session();
        s.store(uids, FlagOperation.ADD, Flags.of(SystemFlag.DELETED), 0, MessageSink.NONE, monitor);
        UidSet expunged = null;
        if (ctx.caps.uidplus()) {
            // exactly these UIDs: never a bare EXPUNGE, which would remove other clients' \Deleted mail (I4)
            expunged = s.expunge(uids, monitor);
        }
        ctx.connection.invalidateSelection();
        ctx.hooks.checkpoint("replay:sent");
        UidSet gone = expunged;
        ctx.store.write(tx -> {
            if (gone != null) {
                // only what the server reports gone; a UID it kept (another client cleared \Deleted in
                // between) shows again and incoming sync brings its flags
                tx.removeMessages(ref, gone);
                tx.setHidden(ref, uids.minus(gone), false);
            } else {
                // without UIDPLUS only the flag is set; the message stays on the server, hidden here
                for (long uid : uids.toArray()) {
                    Optional<MessageRecord> cur = tx.message(ref, uid);
                    if (cur.isPresent()) {
                        tx.updateFlags(ref, uid, cur.get().flags().with(SystemFlag.DELETED), cur.get().modSeq());
                    }
                }
            }
            for (JournalEntry e : batch) {
                tx.removeJournal(e.id());
            }
            return null;
        });
        ctx.hooks.checkpoint("replay:recorded");
    }

    private void replayMove(List<JournalEntry> batch, IProgressMonitor monitor) throws CoreException {
        JournalEntry head = batch.get(0);
        MailboxRef ref = head.mailbox();
        MailboxRef targetRef = new MailboxRef(ref.account(), head.target());
        UidSet uids = uidsOf(batch);
        ImapSession s = ctx.connection.session();
        Optional<CopyUid> copyUid;
        if (ctx.caps.move()) {
            // UID MOVE is idempotent: UIDs already moved are simply gone
            copyUid = s.move(uids, head.target(), monitor);
        } else {
            copyUid = copyThenDelete(batch, uids, monitor);
        }
        ctx.connection.invalidateSelection();
        ctx.hooks.checkpoint("replay:sent");
        ctx.store.write(tx -> {
            Optional<MailboxSyncState> target = tx.syncState(targetRef);
            if (copyUid.isPresent() && target.isPresent()
                    && target.get().uidValidity() == copyUid.get().targetUidValidity()) {
                // relinked from COPYUID: the body is not downloaded again
                for (long uid : uids.toArray()) {
                    long newUid = copyUid.get().targetOf(uid);
                    Optional<MessageRecord> cur = tx.message(ref, uid);
                    if (newUid > 0 && cur.isPresent() && tx.message(targetRef, newUid).isEmpty()) {
                        tx.relink(ref, uid, targetRef, newUid, cur.get().withUid(newUid).withHidden(false));
                    }
                }
            }
            // anything not relinked stays hidden in the source until incoming sync sees it vanish; a synced
            // target then relinks it by identity through the move pool
            for (JournalEntry e : batch) {
                tx.removeJournal(e.id());
            }
            return null;
        });
        ctx.hooks.checkpoint("replay:recorded");
    }

    /**
     * MOVE without the MOVE extension: COPY, {@code \Deleted}, UID EXPUNGE. COPY is not idempotent, so the
     * entries are marked IN_FLIGHT before it; an IN_FLIGHT replay first copies only what the target does not
     * already hold (looked up by Message-ID).
     */
    private Optional<CopyUid> copyThenDelete(List<JournalEntry> batch, UidSet uids, IProgressMonitor monitor)
            throws CoreException {
        JournalEntry head = batch.get(0);
        ImapSession s = ctx.connection.session();
        UidSet toCopy = uids;
        if (head.state() == JournalEntry.State.IN_FLIGHT) {
            Map<Long, String> present = new HashMap<>();
            s.fetch(uids, FetchSpec.of(FetchItem.ENVELOPE), m -> {
                if (m.uid() > 0) {
                    present.put(m.uid(), m.messageId());
                }
            }, monitor);
            UidSet.Builder copy = UidSet.builder();
            ctx.connection.ensureSelected(head.target(), ctx.caps.condstore(), monitor);
            for (Map.Entry<Long, String> e : present.entrySet()) {
                if (e.getValue() == null
                        || s.search(SearchKey.header("Message-ID", e.getValue()), monitor).isEmpty()) {
                    copy.add(e.getKey());
                }
            }
            ctx.connection.ensureSelected(head.mailbox().name(), ctx.caps.condstore(), monitor);
            toCopy = copy.build();
            uids = uids.intersect(UidSet.of(present.keySet().stream().mapToLong(Long::longValue).toArray()));
        } else {
            ctx.store.write(tx -> {
                for (JournalEntry e : batch) {
                    tx.updateJournal(e.withState(JournalEntry.State.IN_FLIGHT, null));
                }
                return null;
            });
        }
        Optional<CopyUid> copyUid = toCopy.isEmpty() ? Optional.empty() : s.copy(toCopy, head.target(), monitor);
        if (!uids.isEmpty()) {
            s.store(uids, FlagOperation.ADD, Flags.of(SystemFlag.DELETED), 0, MessageSink.NONE, monitor);
            if (ctx.caps.uidplus()) {
                s.expunge(uids, monitor);
            }
        }
        return copyUid;
    }

    // ---------------------------------------------------------------- append

    private void replayAppend(JournalEntry entry, IProgressMonitor monitor) throws CoreException {
        MailboxRef ref = entry.mailbox();
        String messageId = MessageHeaders.field(entry.message(), "Message-ID");
        long uid = -1;
        long uidValidity = -1;
        if (entry.state() == JournalEntry.State.IN_FLIGHT && messageId != null) {
            // sent before, acknowledgement lost: look it up instead of appending a duplicate. Only a copy the
            // replica does not hold counts (an earlier draft revision may share the Message-ID): the replay
            // runs before incoming sync, so a copy our lost APPEND made is not in the replica yet
            SelectResult sel = ctx.connection.ensureSelected(ref.name(), ctx.caps.condstore(), monitor);
            UidSet found = ctx.connection.session().search(SearchKey.header("Message-ID", messageId), monitor)
                    .minus(ctx.store.uids(ref));
            if (!found.isEmpty()) {
                uid = found.last();
                uidValidity = sel.uidValidity();
            }
        }
        if (uid < 0) {
            ctx.store.write(tx -> {
                tx.updateJournal(entry.withState(JournalEntry.State.IN_FLIGHT, null));
                return null;
            });
            Optional<AppendUid> appended = ctx.connection.session().append(ref.name(), entry.appendFlags(),
                    entry.internalDate(), entry.message(), monitor);
            ctx.connection.invalidateSelection();
            ctx.hooks.checkpoint("replay:sent");
            if (appended.isPresent()) {
                uid = appended.get().uid();
                uidValidity = appended.get().uidValidity();
            } else if (messageId != null) {
                // no UIDPLUS: find it by Message-ID
                SelectResult sel = ctx.connection.ensureSelected(ref.name(), ctx.caps.condstore(), monitor);
                UidSet found = ctx.connection.session().search(SearchKey.header("Message-ID", messageId), monitor)
                        .minus(ctx.store.uids(ref));
                if (!found.isEmpty()) {
                    uid = found.last();
                    uidValidity = sel.uidValidity();
                }
            }
        }
        long newUid = uid;
        long uv = uidValidity;
        ctx.store.write(tx -> {
            Optional<MailboxSyncState> state = tx.syncState(ref);
            if (newUid > 0 && state.isPresent() && state.get().uidValidity() == uv
                    && tx.message(ref, newUid).isEmpty()) {
                byte[] msg = entry.message();
                Envelope env = new Envelope(null, MessageHeaders.field(msg, "Subject"), null, null, null, null, null,
                        null, null, messageId);
                tx.putMessages(ref, List.of(new MessageRecord(newUid, entry.appendFlags(), 0, msg.length,
                        entry.internalDate(), messageId, null, env, false)));
                boolean body = ctx.policy.wantsBody(msg.length);
                tx.putContent(ref, newUid, new MessageContent(null, Records.headerOf(msg), body ? msg : null));
            }
            tx.removeJournal(entry.id());
            return null;
        });
        ctx.hooks.checkpoint("replay:recorded");
    }

    // ---------------------------------------------------------------- mailboxes

    private void replayMailboxOperation(JournalEntry entry, IProgressMonitor monitor) throws CoreException {
        ImapSession s = ctx.connection.session();
        MailboxName name = entry.mailbox().name();
        if (s.selected().filter(name::equals).isPresent()) {
            s.unselect(monitor); // RFC 4549 §3: close a mailbox before deleting or renaming it
            ctx.connection.invalidateSelection();
        }
        switch (entry.operation()) {
            case CREATE_MAILBOX -> idempotent(() -> s.create(name, monitor), () -> exists(name, monitor));
            case RENAME_MAILBOX -> idempotent(() -> s.rename(name, entry.target(), monitor),
                    () -> exists(entry.target(), monitor) && !exists(name, monitor));
            case DELETE_MAILBOX -> idempotent(() -> s.delete(name, monitor), () -> !exists(name, monitor));
            case SUBSCRIBE -> idempotent(() -> s.subscribe(name, true, monitor), () -> true);
            case UNSUBSCRIBE -> idempotent(() -> s.subscribe(name, false, monitor), () -> true);
            default -> throw new IllegalStateException("not a mailbox operation: " + entry);
        }
        ctx.hooks.checkpoint("replay:sent");
        changedMailboxes = true;
        ctx.store.write(tx -> {
            tx.removeJournal(entry.id());
            return null;
        });
        ctx.hooks.checkpoint("replay:recorded");
    }

    private interface Call {
        void run() throws CoreException;
    }

    private interface Check {
        boolean holds() throws CoreException;
    }

    /** Runs a mailbox command; a rejection is success if the server is already in the wanted state. */
    private static void idempotent(Call call, Check alreadyDone) throws CoreException {
        try {
            call.run();
        } catch (CoreException e) {
            ImapError err = ImapStatus.errorOf(e);
            if ((err == ImapError.COMMAND_REJECTED || err == ImapError.MAILBOX_MISSING) && alreadyDone.holds()) {
                return;
            }
            throw e;
        }
    }

    private boolean exists(MailboxName name, IProgressMonitor monitor) throws CoreException {
        try {
            ctx.connection.session().status(name, monitor);
            return true;
        } catch (CoreException e) {
            if (ImapStatus.errorOf(e) == ImapError.MAILBOX_MISSING || ImapStatus.errorOf(e) == ImapError.COMMAND_REJECTED) {
                return false;
            }
            throw e;
        }
    }

    // ---------------------------------------------------------------- failures

    /**
     * Decides what a failed change becomes.
     * <ul>
     * <li>The server refused the change itself ({@code NO}/{@code BAD}, no such mailbox, capability missing):
     * permanent, see {@link #reject}.</li>
     * <li>Throttled, in conflict, or an unparseable answer: deferred with backoff; its mailbox's later changes
     * wait (returns true).</li>
     * <li>Anything else (connection lost, canceled, authentication, a store failure, a bug): rethrown, and the
     * entry is left exactly as it is, to be replayed by the next sync.</li>
     * </ul>
     *
     * @return true if the change was deferred
     */
    private boolean handleFailure(List<JournalEntry> batch, CoreException e) throws CoreException {
        JournalEntry head = batch.get(0);
        Optional<CodedStatus> coded = CodedStatus.find(e.getStatus());
        if (coded.isEmpty() || coded.get() instanceof io.tidemark.store.api.StoreStatus || ctx.connection.session()
                .isOpen() == false && !(coded.get() instanceof SyncStatus)) {
            throw e;
        }
        ImapError err = coded.get() instanceof ImapStatus is ? is.error() : null;
        boolean refused = err == ImapError.COMMAND_REJECTED || err == ImapError.MAILBOX_MISSING
                || err == ImapError.CAPABILITY_MISSING;
        boolean deferrable = err == ImapError.THROTTLED || err == ImapError.PROTOCOL
                || coded.get() instanceof SyncStatus ss && ss.error() == SyncError.CHANGE_DEFERRED;
        if (refused) {
            reject(batch, e);
            return false;
        }
        if (!deferrable) {
            throw e;
        }
        Instant retryAt = Instant.now().plus(backoff(head.attempts()));
        String why = e.getStatus().getMessage();
        Set<Long> ids = new HashSet<>();
        batch.forEach(j -> ids.add(j.id()));
        ctx.store.write(tx -> {
            // re-read: an entry marked IN_FLIGHT in the store must stay so
            for (JournalEntry cur : ctx.store.journal(ctx.account.id())) {
                if (ids.contains(cur.id())) {
                    JournalEntry next = cur.failedAttempt(why, retryAt);
                    tx.updateJournal(next.attempts() >= MAX_ATTEMPTS
                            ? next.withState(JournalEntry.State.NEEDS_USER, "failed " + next.attempts() + " times: " + why)
                            : next);
                }
            }
            return null;
        });
        problems.add(new SyncStatus(SyncError.CHANGE_DEFERRED, head.mailbox().account(), head.mailbox().name(),
                head.operation() + " deferred: " + why, e));
        return true;
    }

    /** A change deferred this often waits for the user instead. */
    private static final int MAX_ATTEMPTS = 20;

    private Duration backoff(int attempts) {
        long seconds = Math.min(ctx.settings.maxBackoff().toSeconds(), 5L << Math.min(20, attempts));
        return Duration.ofSeconds(seconds);
    }

    /**
     * The server refused the change for good: drop it from the journal and put the replica right. An APPEND is
     * never dropped (its message exists only in the journal): it waits for the user.
     */
    private void reject(List<JournalEntry> batch, CoreException cause) throws CoreException {
        JournalEntry head = batch.get(0);
        MailboxRef ref = head.mailbox();
        UidSet uids = uidsOf(batch);
        if (head.operation() == JournalOperation.APPEND) {
            ctx.store.write(tx -> {
                tx.updateJournal(head.withState(JournalEntry.State.NEEDS_USER, cause.getStatus().getMessage()));
                return null;
            });
            problems.add(new SyncStatus(SyncError.CHANGE_NEEDS_USER, ref.account(), ref.name(),
                    "APPEND refused by the server; the message is kept for you to retry or discard: "
                            + cause.getStatus().getMessage(), cause));
            return;
        }
        Map<Long, Flags> serverFlags = new HashMap<>();
        boolean flagsKnown = true;
        if (head.operation() == JournalOperation.FLAGS) {
            try {
                ctx.connection.session().fetch(uids, FetchSpec.FLAGS, m -> {
                    if (m.uid() > 0 && m.flags() != null) {
                        serverFlags.put(m.uid(), m.flags());
                    }
                }, null);
            } catch (CoreException e) {
                flagsKnown = false;
            }
        }
        boolean rescan = !flagsKnown;
        ctx.store.write(tx -> {
            switch (head.operation()) {
                case FLAGS -> {
                    for (Map.Entry<Long, Flags> e : serverFlags.entrySet()) {
                        Optional<MessageRecord> cur = tx.message(ref, e.getKey());
                        if (cur.isPresent()) {
                            tx.updateFlags(ref, e.getKey(), e.getValue(), cur.get().modSeq());
                        }
                    }
                    Optional<MailboxSyncState> st = tx.syncState(ref);
                    if (rescan && st.isPresent()) {
                        // the server's flags could not be read: forget the mod-sequence cursor so the next
                        // sync rescans every flag of the mailbox
                        MailboxSyncState x = st.get();
                        tx.putSyncState(ref, new MailboxSyncState(x.uidValidity(), x.uidNext(), 0, x.lastSeenUid(),
                                x.exists(), x.lastSync(), x.lastStrategy(), null));
                    }
                }
                case DELETE, MOVE -> tx.setHidden(ref, uids, false);
                case CREATE_MAILBOX -> {
                    if (tx.syncState(ref).isEmpty()) {
                        tx.removeMailbox(ref);
                    }
                }
                case RENAME_MAILBOX -> {
                    MailboxRef renamed = new MailboxRef(ref.account(), head.target());
                    if (ctx.store.mailbox(renamed).isPresent() && ctx.store.mailbox(ref).isEmpty()) {
                        tx.renameMailbox(renamed, ref.name());
                    }
                }
                case SUBSCRIBE, UNSUBSCRIBE -> {
                    Optional<MailboxRecord> rec = ctx.store.mailbox(ref);
                    if (rec.isPresent()) {
                        MailboxRecord r = rec.get();
                        tx.putMailbox(new MailboxRecord(r.ref(), r.delimiter(), r.attributes(),
                                head.operation() == JournalOperation.UNSUBSCRIBE, r.synced()));
                    }
                }
                default -> {
                    // APPEND and DELETE_MAILBOX: nothing in the replica to undo (a deleted mailbox is
                    // rediscovered by the next LIST)
                }
            }
            for (JournalEntry e : batch) {
                tx.removeJournal(e.id());
            }
            return null;
        });
        problems.add(new SyncStatus(SyncError.CHANGE_REJECTED, ref.account(), ref.name(),
                head.operation() + " of " + (uids.isEmpty() ? ref.name().toString() : "UIDs " + uids)
                        + " rejected by the server and dropped: " + cause.getStatus().getMessage(),
                cause));
    }
}
