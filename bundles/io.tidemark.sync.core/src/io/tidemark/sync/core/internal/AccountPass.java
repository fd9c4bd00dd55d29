/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.MultiStatus;
import org.eclipse.core.runtime.SubMonitor;

import io.tidemark.imap.api.ImapError;
import io.tidemark.imap.api.ImapStatus;
import io.tidemark.imap.api.ListRequest;
import io.tidemark.model.AccountId;
import io.tidemark.model.CodedStatus;
import io.tidemark.model.FolderSelection;
import io.tidemark.model.MailboxInfo;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.MailboxStatus;
import io.tidemark.store.api.JournalEntry;
import io.tidemark.store.api.JournalOperation;
import io.tidemark.store.api.MailboxRecord;
import io.tidemark.store.api.MailboxSyncState;
import io.tidemark.store.api.StoreStatus;
import io.tidemark.sync.api.Strategy;
import io.tidemark.sync.api.SyncError;
import io.tidemark.sync.api.SyncReport;
import io.tidemark.sync.api.SyncStatus;

/**
 * One sync of one account over one connection, in RFC 4549 order: replay the journal, discover the
 * folders, then bring every selected mailbox's server changes in (INBOX first), step by step across all
 * mailboxes so that moves between them are recognized (see {@link MailboxSync}).
 */
final class AccountPass {

    /** Told as mailboxes start and end. */
    interface Observer {
        void starting(MailboxRef mailbox);

        void synced(SyncReport report);
    }

    private record Target(MailboxRef ref, MailboxStatus listed) {
    }

    private final PassContext ctx;
    private final Observer observer;
    private final List<IStatus> problems = new ArrayList<>();

    AccountPass(PassContext ctx, Observer observer) {
        this.ctx = ctx;
        this.observer = observer;
    }

    /**
     * @return the reports, one per mailbox touched, and the problems (children of the result status)
     * @throws CoreException if the account cannot go on (connection lost, store failure, cancellation)
     */
    List<SyncReport> run(IProgressMonitor monitor) throws CoreException {
        SubMonitor sub = SubMonitor.convert(monitor, 100);
        Map<MailboxRef, Long> replayed = Map.of();
        List<MailboxSync> resets = List.of();
        ctx.journal = ctx.store.journal(ctx.account.id());
        // RFC 4549 §3: LIST before replay, so that a mailbox another client renamed is followed (and its pending
        // changes with it) before they are sent
        List<Target> targets = ctx.request.incoming() || !ctx.journal.isEmpty() ? discover(sub.split(5)) : List.of();
        if (ctx.request.replay() && !ctx.journal.isEmpty()) {
            JournalReplayer replayer = new JournalReplayer(ctx);
            replayer.replay(sub.split(20));
            problems.addAll(replayer.problems());
            replayed = replayer.replayed();
            resets = replayer.resets();
            if (replayer.changedMailboxes() && ctx.request.incoming()) {
                ctx.journal = ctx.store.journal(ctx.account.id());
                targets = discover(sub.split(5)); // the replay created, renamed or deleted mailboxes
            }
        }
        sub.setWorkRemaining(75);
        List<SyncReport> reports = new ArrayList<>();
        if (ctx.request.incoming()) {
            ctx.journal = ctx.store.journal(ctx.account.id());
            reports.addAll(incoming(targets, resets, sub.split(75)));
        } else {
            for (MailboxSync r : resets) {
                reports.add(r.report());
            }
        }
        return withReplayCounts(reports, replayed);
    }

    List<IStatus> problems() {
        return problems;
    }

    private List<SyncReport> withReplayCounts(List<SyncReport> reports, Map<MailboxRef, Long> replayed) {
        Map<MailboxRef, SyncReport> byRef = new LinkedHashMap<>();
        for (SyncReport r : reports) {
            byRef.put(r.mailbox(), r);
        }
        for (Map.Entry<MailboxRef, Long> e : replayed.entrySet()) {
            SyncReport r = byRef.get(e.getKey());
            if (r == null) {
                byRef.put(e.getKey(), new SyncReport(e.getKey(), Strategy.UNCHANGED, 0, 0, 0, 0, e.getValue(), false,
                        null, null, null, null));
            } else {
                byRef.put(e.getKey(), new SyncReport(r.mailbox(), r.strategy(), r.added(), r.changed(), r.vanished(),
                        r.moved(), e.getValue(), r.uidValidityReset(), r.traffic(), r.duration(), r.finished(),
                        r.status()));
            }
        }
        return new ArrayList<>(byRef.values());
    }

    // ---------------------------------------------------------------- incoming

    private List<SyncReport> incoming(List<Target> targets, List<MailboxSync> resetsDuringReplay,
            IProgressMonitor monitor) throws CoreException {
        SubMonitor sub = SubMonitor.convert(monitor, targets.size() * 3);
        MovePool pool = new MovePool(ctx.store, ctx.account.id(), ctx.byEmailId);
        Map<MailboxRef, IStatus> resetStatus = new HashMap<>();
        for (MailboxSync r : resetsDuringReplay) {
            resetStatus.put(r.ref(), r.report().status());
        }
        List<MailboxSync> syncs = new ArrayList<>();
        for (Target t : targets) {
            MailboxSync ms = new MailboxSync(ctx, t.ref(), t.listed());
            syncs.add(ms);
            observer.starting(t.ref());
            step(ms, () -> ms.detect(sub.split(1)));
            pool.add(ms.ref(), ms.vanished());
        }
        for (MailboxSync ms : syncs) {
            step(ms, () -> ms.fetchNew(pool, sub.split(1)));
        }
        List<SyncReport> reports = new ArrayList<>();
        for (MailboxSync ms : syncs) {
            step(ms, () -> ms.finish(pool, sub.split(1)));
            SyncReport r = ms.report();
            IStatus earlier = resetStatus.get(ms.ref());
            if (earlier != null && r.status().isOK()) {
                r = new SyncReport(r.mailbox(), r.strategy(), r.added(), r.changed(), r.vanished(), r.moved(),
                        r.replayed(), true, r.traffic(), r.duration(), r.finished(), earlier);
            }
            reports.add(r);
            observer.synced(r);
        }
        return reports;
    }

    private interface Step {
        void run() throws CoreException;
    }

    /**
     * Runs one step of one mailbox. A failure that concerns only this mailbox (rejected command, missing
     * mailbox, unparseable response on a still-open connection) marks it failed and lets the others go on;
     * anything else ends the pass.
     */
    private void step(MailboxSync ms, Step step) throws CoreException {
        if (ms.failed()) {
            return;
        }
        try {
            step.run();
        } catch (CoreException e) {
            Optional<CodedStatus> coded = CodedStatus.find(e.getStatus());
            boolean local = coded.isPresent() && coded.get() instanceof ImapStatus is
                    && (is.error() == ImapError.COMMAND_REJECTED || is.error() == ImapError.MAILBOX_MISSING
                            || is.error() == ImapError.PROTOCOL || is.error() == ImapError.CAPABILITY_MISSING)
                    && ctx.connection.session().isOpen();
            if (!local) {
                throw e;
            }
            ms.fail(e.getStatus());
            ctx.connection.invalidateSelection();
        }
    }

    // ---------------------------------------------------------------- folder discovery

    /**
     * LIST (with LIST-STATUS where offered) and bring the store's mailbox records in line: new mailboxes are
     * added, a mailbox that disappeared while a new one with its UIDVALIDITY appeared was renamed (its messages
     * are kept), and one that is gone from a complete {@code LIST "*"} is removed.
     *
     * @return the mailboxes to sync, INBOX first
     */
    private List<Target> discover(IProgressMonitor monitor) throws CoreException {
        AccountId acc = ctx.account.id();
        if (!ctx.request.mailboxes().isEmpty()) {
            return explicitTargets(acc);
        }
        SubMonitor sub = SubMonitor.convert(monitor, 3);
        List<MailboxInfo> listed = ctx.connection.session().list(
                new ListRequest("*", false, ctx.caps.listStatus()), sub.split(1));
        Set<MailboxName> subscribed = subscriptions(listed, sub.split(1));
        Map<MailboxName, MailboxInfo> server = new LinkedHashMap<>();
        for (MailboxInfo info : listed) {
            server.put(info.name(), info);
        }
        if (!server.containsKey(MailboxName.INBOX)) {
            throw SyncStatus.exception(SyncError.INTERNAL, acc, MailboxName.INBOX,
                    "the server's LIST did not include INBOX; refusing to treat its mailboxes as deleted", null);
        }
        Map<MailboxName, MailboxRecord> stored = new LinkedHashMap<>();
        for (MailboxRecord r : ctx.store.mailboxes(acc)) {
            stored.put(r.ref().name(), r);
        }
        Set<MailboxName> protectedNames = pendingMailboxNames(true);
        Set<MailboxName> suppressed = pendingMailboxNames(false);
        for (MailboxName n : suppressed) {
            server.remove(n); // deleted or renamed away locally, not yet on the server: do not bring it back
        }
        List<MailboxName> missing = new ArrayList<>();
        for (MailboxName n : stored.keySet()) {
            if (!server.containsKey(n) && !protectedNames.contains(n)) {
                missing.add(n);
            }
        }
        Map<MailboxName, MailboxName> renames = detectRenames(missing, server, stored, sub.split(1));
        ctx.store.write(tx -> {
            for (Map.Entry<MailboxName, MailboxName> r : renames.entrySet()) {
                tx.renameMailbox(new MailboxRef(acc, r.getKey()), r.getValue());
            }
            for (MailboxName n : missing) {
                if (!renames.containsKey(n)) {
                    tx.removeMailbox(new MailboxRef(acc, n));
                }
            }
            for (MailboxInfo info : server.values()) {
                MailboxRef ref = new MailboxRef(acc, info.name());
                boolean sub0 = subscribed.contains(info.name());
                MailboxRecord rec = new MailboxRecord(ref, info.delimiter(), info.attributes(), sub0,
                        info.selectable() && wanted(info.name(), sub0));
                MailboxRecord old = stored.get(info.name());
                if (old == null || !old.equals(rec) || renames.containsValue(info.name())) {
                    tx.putMailbox(rec);
                }
            }
            return null;
        });
        List<Target> targets = new ArrayList<>();
        for (MailboxInfo info : server.values()) {
            if (info.selectable() && wanted(info.name(), subscribed.contains(info.name()))) {
                targets.add(new Target(new MailboxRef(acc, info.name()), info.status()));
            }
        }
        for (MailboxName n : ctx.account.folders().mode() == FolderSelection.Mode.LISTED ? ctx.account.folders().names()
                : List.<MailboxName>of()) {
            if (!server.containsKey(n)) {
                problems.add(new SyncStatus(SyncError.MAILBOX_NOT_FOUND, acc, n,
                        "the configuration names a mailbox the server does not have", null));
            }
        }
        targets.sort((a, b) -> a.ref().name().compareTo(b.ref().name()));
        return targets;
    }

    private List<Target> explicitTargets(AccountId acc) throws CoreException {
        List<Target> out = new ArrayList<>();
        for (MailboxName n : ctx.request.mailboxes()) {
            // the record is written by the first successful SELECT, so a mistyped name leaves nothing behind
            out.add(new Target(new MailboxRef(acc, n), null));
        }
        out.sort((a, b) -> a.ref().name().compareTo(b.ref().name()));
        return out;
    }

    private Set<MailboxName> subscriptions(List<MailboxInfo> listed, IProgressMonitor monitor) throws CoreException {
        Set<MailboxName> out = new HashSet<>();
        for (MailboxInfo i : listed) {
            if (i.subscribed()) {
                out.add(i.name());
            }
        }
        if (out.isEmpty() && ctx.account.folders().mode() == FolderSelection.Mode.SUBSCRIBED) {
            for (MailboxInfo i : ctx.connection.session().list(new ListRequest("*", true, false), monitor)) {
                out.add(i.name());
            }
        }
        return out;
    }

    private boolean wanted(MailboxName name, boolean subscribed) {
        FolderSelection sel = ctx.account.folders();
        return switch (sel.mode()) {
            case ALL -> true;
            case SUBSCRIBED -> name.isInbox() || subscribed;
            case LISTED -> sel.names().contains(name);
        };
    }

    /**
     * @param created true for the mailboxes a pending local change creates or renames to (not on the server yet,
     *            but not deleted either); false for those it deletes or renames away (still on the server, but
     *            not to be brought back)
     */
    private Set<MailboxName> pendingMailboxNames(boolean created) {
        Set<MailboxName> out = new HashSet<>();
        for (JournalEntry e : ctx.journal) {
            if (e.state() == JournalEntry.State.NEEDS_USER) {
                continue;
            }
            switch (e.operation()) {
                case CREATE_MAILBOX -> {
                    if (created) {
                        out.add(e.mailbox().name());
                    }
                }
                case RENAME_MAILBOX -> out.add(created ? e.target() : e.mailbox().name());
                case DELETE_MAILBOX -> {
                    if (!created) {
                        out.add(e.mailbox().name());
                    }
                }
                default -> {
                    // message-level changes do not change the set of mailboxes
                }
            }
        }
        return out;
    }

    /**
     * A stored mailbox missing from the LIST and a new listed mailbox with the same UIDVALIDITY are one
     * mailbox renamed (servers keep UIDVALIDITY across RENAME; a recreated mailbox gets a new one).
     */
    private Map<MailboxName, MailboxName> detectRenames(List<MailboxName> missing, Map<MailboxName, MailboxInfo> server,
            Map<MailboxName, MailboxRecord> stored, IProgressMonitor monitor) throws CoreException {
        Map<MailboxName, MailboxName> renames = new HashMap<>();
        if (missing.isEmpty()) {
            return renames;
        }
        Map<Long, List<MailboxName>> freshByUv = new HashMap<>();
        Map<MailboxName, MailboxStatus> statusOf = new HashMap<>();
        for (MailboxInfo info : server.values()) {
            if (stored.containsKey(info.name()) || !info.selectable()) {
                continue;
            }
            MailboxStatus st = info.status() != null && info.status().uidValidity() > 0 ? info.status()
                    : statusOf(info.name(), monitor);
            if (st != null && st.uidValidity() > 0) {
                freshByUv.computeIfAbsent(st.uidValidity(), k -> new ArrayList<>()).add(info.name());
                statusOf.put(info.name(), st);
            }
        }
        for (MailboxName m : missing) {
            MailboxRef ref = new MailboxRef(ctx.account.id(), m);
            Optional<MailboxSyncState> state = ctx.store.syncState(ref);
            if (state.isEmpty()) {
                continue;
            }
            List<MailboxName> candidates = freshByUv.get(state.get().uidValidity());
            if (candidates == null || candidates.size() != 1 || renames.containsValue(candidates.get(0))) {
                continue;
            }
            // UIDVALIDITY can collide (GreenMail uses the creation second): when another mailbox has it too, the
            // counters must fit as well
            MailboxStatus st = statusOf.get(candidates.get(0));
            boolean fits = !sharedUidValidity(state.get().uidValidity(), m, server, stored)
                    || st.uidNext() == state.get().uidNext() || st.messages() == ctx.store.uids(ref).size();
            if (fits) {
                renames.put(m, candidates.get(0));
            }
        }
        return renames;
    }

    /** @return whether a mailbox still on the server, other than {@code self}, has UIDVALIDITY {@code uv} */
    private boolean sharedUidValidity(long uv, MailboxName self, Map<MailboxName, MailboxInfo> server,
            Map<MailboxName, MailboxRecord> stored) throws CoreException {
        for (MailboxName n : stored.keySet()) {
            if (!n.equals(self) && server.containsKey(n)) {
                Optional<MailboxSyncState> st = ctx.store.syncState(new MailboxRef(ctx.account.id(), n));
                if (st.isPresent() && st.get().uidValidity() == uv) {
                    return true;
                }
            }
        }
        return false;
    }

    private MailboxStatus statusOf(MailboxName name, IProgressMonitor monitor) throws CoreException {
        try {
            return ctx.connection.session().status(name, monitor);
        } catch (CoreException e) {
            if (ImapStatus.errorOf(e) == ImapError.MAILBOX_MISSING || ImapStatus.errorOf(e) == ImapError.COMMAND_REJECTED) {
                return null;
            }
            throw e;
        }
    }

    /** @return the combined status of a pass: problems and failed mailboxes as children */
    static IStatus combine(AccountId account, List<IStatus> problems, List<SyncReport> reports, Duration took) {
        MultiStatus ms = new MultiStatus(SyncStatus.PLUGIN_ID, 0, "Sync of account '" + account + "'", null);
        for (IStatus p : problems) {
            ms.add(p);
        }
        for (SyncReport r : reports) {
            if (!r.status().isOK()) {
                ms.add(r.status());
            }
        }
        return ms.isOK() ? new MultiStatus(SyncStatus.PLUGIN_ID, 0,
                "Synced account '" + account + "' in " + took.toMillis() + " ms", null) : ms;
    }

    static boolean isStoreFailure(CoreException e) {
        return StoreStatus.errorOf(e) != null;
    }
}
