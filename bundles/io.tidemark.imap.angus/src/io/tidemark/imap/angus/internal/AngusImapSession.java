/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;

import io.tidemark.imap.api.AppendUid;
import io.tidemark.imap.api.Capabilities;
import io.tidemark.imap.api.CopyUid;
import io.tidemark.imap.api.FetchItem;
import io.tidemark.imap.api.FetchSpec;
import io.tidemark.imap.api.FetchedMessage;
import io.tidemark.imap.api.FlagOperation;
import io.tidemark.imap.api.IdleEnd;
import io.tidemark.imap.api.IdleListener;
import io.tidemark.imap.api.ImapError;
import io.tidemark.imap.api.ImapSession;
import io.tidemark.imap.api.ListRequest;
import io.tidemark.imap.api.MessageSink;
import io.tidemark.imap.api.QresyncParams;
import io.tidemark.imap.api.SearchKey;
import io.tidemark.imap.api.SelectOptions;
import io.tidemark.imap.api.SelectResult;
import io.tidemark.imap.api.ServerEvent;
import io.tidemark.imap.api.StoreResult;
import io.tidemark.model.AccountConfig;
import io.tidemark.model.Flags;
import io.tidemark.model.MailboxInfo;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxStatus;
import io.tidemark.model.TrafficCounters;
import io.tidemark.model.UidSet;

/**
 * An authenticated IMAP session on Angus's protocol engine; see {@link ImapSession} for the contract.
 * <p>
 * How responses are routed: FETCH responses for the UIDs (or sequence numbers) a command names, and
 * {@code VANISHED (EARLIER)} of a QRESYNC SELECT or a FETCH with VANISHED, go to the command's sink. EXISTS,
 * EXPUNGE, live VANISHED and every other FETCH go to the session's event listener, whatever the command
 * (they change the mailbox state a listener tracks); the EXISTS of a SELECT is its answer and is not an event.
 * <p>
 * Sets are always written with explicit bounds, and split only where a command line would pass
 * {@link Command#MAX_LINE} characters: one command per window the caller passes.
 * <p>
 * What follows the server's capabilities (as advertised after login; Dovecot executes some extensions it
 * does not advertise, this session does not use them): {@code (CONDSTORE)} on SELECT and the MODSEQ and
 * EMAILID fetch items are left out where not offered (the results then say "unknown"); CHANGEDSINCE,
 * UNCHANGEDSINCE and SEARCH MODSEQ need CONDSTORE, QRESYNC parameters and VANISHED need QRESYNC enabled,
 * UID EXPUNGE needs UIDPLUS and UID MOVE needs MOVE, else {@code CAPABILITY_MISSING} before anything is sent.
 * LIST without LIST-EXTENDED adds an LSUB for the subscriptions; UNSELECT without the extension is EXAMINE
 * plus CLOSE (never a CLOSE that could expunge); SEARCH without ESEARCH reads the classic answer.
 * <p>
 * Used by one thread at a time; {@link #abort()}, {@link #wakeUp()}, {@link #counters()} and
 * {@link #isOpen()} from any thread.
 */
final class AngusImapSession implements ImapSession {

    private static final DateTimeFormatter INTERNALDATE = DateTimeFormatter
            .ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** Flag keywords and header-field names written as atoms. */
    private static final Pattern ATOM = Pattern.compile("[\\x21-\\x7e&&[^(){%*\"\\\\\\]]]+");

    private final AccountConfig account;
    private final Conversation conv;
    private final TrafficMeter meter;
    private final Capabilities capabilities;
    private final Failures failures;
    private volatile MailboxName selected;
    private volatile boolean selectedReadOnly;

    AngusImapSession(AccountConfig account, Conversation conv, TrafficMeter meter, Capabilities capabilities) {
        this.account = account;
        this.conv = conv;
        this.meter = meter;
        this.capabilities = capabilities;
        this.failures = conv.failures();
    }

    @Override
    public AccountConfig account() {
        return account;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public TrafficCounters counters() {
        return meter.snapshot();
    }

    @Override
    public boolean isOpen() {
        return conv.isOpen();
    }

    @Override
    public Optional<MailboxName> selected() {
        return Optional.ofNullable(selected);
    }

    // ---------------------------------------------------------------------------------------- mailboxes

    @Override
    public List<MailboxInfo> list(ListRequest request, IProgressMonitor monitor) throws CoreException {
        SubMonitor sm = SubMonitor.convert(monitor, "Listing mailboxes", 2);
        boolean extended = capabilities.has("LIST-EXTENDED") || capabilities.has("IMAP4REV2");
        boolean withStatus = request.withStatus() && capabilities.listStatus();
        Command.Builder b;
        List<String> returns = new ArrayList<>();
        if (request.subscribedOnly() && !extended) {
            b = Command.builder("LSUB").string("").string(MailboxCodec.encodePattern(request.pattern()));
        } else {
            b = Command.builder("LIST");
            if (request.subscribedOnly()) {
                b.sp("(SUBSCRIBED)");
            }
            b.string("").string(MailboxCodec.encodePattern(request.pattern()));
            if (extended && !request.subscribedOnly()) {
                returns.add("SUBSCRIBED");
            }
            if (extended && capabilities.specialUse()) {
                returns.add("SPECIAL-USE");
            }
            if (withStatus) {
                returns.add("STATUS " + statusItems());
            }
            if (!returns.isEmpty()) {
                b.sp("RETURN (" + String.join(" ", returns) + ")");
            }
        }
        Map<MailboxName, ListEntry> entries = new LinkedHashMap<>();
        Map<MailboxName, MailboxStatus> statuses = new LinkedHashMap<>();
        run(b.build(), new Conversation.Handler() {
            @Override
            public boolean untagged(WireResponse r) {
                if (r.keyEquals("LIST") || r.keyEquals("LSUB")) {
                    ListEntry e = ListEntry.parse(r.lexer());
                    if (e != null) {
                        entries.put(e.name(), e);
                    }
                    return true;
                }
                if (r.keyEquals("STATUS")) {
                    StatusEntry s = StatusEntry.parse(r.lexer());
                    statuses.put(s.name(), s.status());
                    return true;
                }
                return false;
            }
        }, sm.newChild(1));
        // Which mailboxes are subscribed: LSUB and LIST (SUBSCRIBED) answer only with subscribed ones, and
        // LIST-EXTENDED marks them \Subscribed; a plain IMAP4rev1 server needs an extra LSUB.
        java.util.Set<MailboxName> subscribed = new java.util.HashSet<>();
        if (request.subscribedOnly()) {
            subscribed.addAll(entries.keySet());
        } else if (extended) {
            entries.values().stream().filter(ListEntry::subscribed).forEach(e -> subscribed.add(e.name()));
        } else {
            run(Command.builder("LSUB").string("").string(MailboxCodec.encodePattern(request.pattern())).build(),
                    new Conversation.Handler() {
                        @Override
                        public boolean untagged(WireResponse r) {
                            if (r.keyEquals("LSUB")) {
                                ListEntry e = ListEntry.parse(r.lexer());
                                if (e != null) {
                                    subscribed.add(e.name());
                                }
                                return true;
                            }
                            return false;
                        }
                    }, sm.newChild(1));
        }
        List<MailboxInfo> out = new ArrayList<>(entries.size());
        for (ListEntry e : entries.values()) {
            out.add(new MailboxInfo(e.name(), e.delimiter(), e.attributes(), subscribed.contains(e.name()),
                    withStatus ? statuses.get(e.name()) : null));
        }
        return out;
    }

    private String statusItems() {
        return capabilities.condstore() ? "(MESSAGES UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ)"
                : "(MESSAGES UIDNEXT UIDVALIDITY UNSEEN)";
    }

    @Override
    public MailboxStatus status(MailboxName mailbox, IProgressMonitor monitor) throws CoreException {
        MailboxStatus[] result = new MailboxStatus[1];
        run(Command.builder("STATUS").mailbox(mailbox).mayBeMissing().sp(statusItems()).build(),
                new Conversation.Handler() {
                    @Override
                    public boolean untagged(WireResponse r) {
                        if (r.keyEquals("STATUS")) {
                            StatusEntry s = StatusEntry.parse(r.lexer());
                            if (s.name().equals(mailbox) || result[0] == null) {
                                result[0] = s.status();
                            }
                            return true;
                        }
                        return false;
                    }
                }, monitor);
        if (result[0] == null) {
            throw failures.protocol("STATUS", mailbox, "(no STATUS response)", "the server answered OK without data");
        }
        return result[0];
    }

    @Override
    public void create(MailboxName mailbox, IProgressMonitor monitor) throws CoreException {
        run(Command.builder("CREATE").mailbox(mailbox).build(), Conversation.NONE, monitor);
    }

    @Override
    public void rename(MailboxName from, MailboxName to, IProgressMonitor monitor) throws CoreException {
        run(Command.builder("RENAME").mailbox(from).mayBeMissing().mailbox(to, false).build(), Conversation.NONE,
                monitor);
        if (from.equals(selected)) {
            selected = to;
        }
    }

    @Override
    public void delete(MailboxName mailbox, IProgressMonitor monitor) throws CoreException {
        run(Command.builder("DELETE").mailbox(mailbox).mayBeMissing().build(), Conversation.NONE, monitor);
        if (mailbox.equals(selected)) {
            selected = null;
        }
    }

    @Override
    public void subscribe(MailboxName mailbox, boolean subscribe, IProgressMonitor monitor) throws CoreException {
        run(Command.builder(subscribe ? "SUBSCRIBE" : "UNSUBSCRIBE").mailbox(mailbox).mayBeMissing().build(),
                Conversation.NONE, monitor);
    }

    // ---------------------------------------------------------------------------------------- selection

    @Override
    public SelectResult select(MailboxName mailbox, SelectOptions options, MessageSink changes,
            IProgressMonitor monitor) throws CoreException {
        MessageSink sink = changes == null ? MessageSink.NONE : changes;
        QresyncParams q = options.qresync();
        if (q != null && !capabilities.qresync()) {
            throw failures.of(ImapError.CAPABILITY_MISSING, mailbox,
                    "SELECT with QRESYNC: QRESYNC is not offered or not enabled on this session", null);
        }
        Command.Builder b = Command.builder(options.readOnly() ? "EXAMINE" : "SELECT").mailbox(mailbox)
                .mayBeMissing();
        if (q != null) {
            b.sp("(QRESYNC (" + qresyncArguments(q) + "))");
        } else if (options.condstore() && capabilities.condstore()) {
            b.sp("(CONDSTORE)");
        }
        SelectCollector c = new SelectCollector(sink, q != null, capabilities.qresync() && selected != null,
                conv::emit);
        // RFC 3501 §6.3.1: a SELECT, even a failed one, leaves the previous mailbox.
        selected = null;
        WireResponse tagged = run(b.build(), c, monitor);
        c.finish();
        ResponseCode code = ResponseCode.of(tagged);
        boolean readOnly = options.readOnly() || code != null && code.is("READ-ONLY");
        selected = mailbox;
        selectedReadOnly = readOnly;
        return new SelectResult(mailbox, c.uidValidity, c.uidNext, Math.max(0, c.exists), c.noModSeq ? 0
                : c.highestModSeq, c.noModSeq, c.flags, c.permanentFlags, readOnly);
    }

    /**
     * {@code uidvalidity modseq [known-uids [(seq-match uid-match)]]}. Why the fallback: the known UIDs of a
     * big mailbox with many holes may not fit on one line. A superset is allowed (the server then also
     * names UIDs the replica never had as vanished, which a replica ignores), so the range
     * {@code first:last} stands in for them, and the optional sequence match is dropped.
     */
    private static String qresyncArguments(QresyncParams q) {
        StringBuilder sb = new StringBuilder().append(q.uidValidity()).append(' ').append(q.modSeq());
        UidSet known = q.knownUids();
        if (known != null && !known.isEmpty()) {
            String exact = known.toExplicitString();
            boolean fits = exact.length() < Command.MAX_LINE / 2;
            sb.append(' ').append(fits ? exact : UidSet.range(known.first(), known.last()).toExplicitString());
            if (fits && q.seqMatch() != null && !q.seqMatch().isEmpty()) {
                String seq = q.seqMatch().toExplicitString();
                String uid = q.uidMatch().toExplicitString();
                if (exact.length() + seq.length() + uid.length() < Command.MAX_LINE - 200) {
                    sb.append(" (").append(seq).append(' ').append(uid).append(')');
                }
            }
        }
        return sb.toString();
    }

    /** Collects a SELECT's answer and routes its QRESYNC changes. */
    private static final class SelectCollector implements Conversation.Handler {
        private final MessageSink sink;
        /**
         * Whether responses about the previously selected mailbox may come first: with QRESYNC, the server
         * ends them with {@code OK [CLOSED]} (RFC 7162 §3.2.11). Until then FETCH and VANISHED are held back:
         * at [CLOSED] they turn out to be events about the old mailbox; if no [CLOSED] comes (a server that
         * omits it), they belong to the new mailbox after all.
         */
        private boolean beforeClosed;
        private final List<Object> held = new ArrayList<>();
        private final java.util.function.Consumer<ServerEvent> emit;
        long uidValidity = -1;
        long uidNext = -1;
        long exists = -1;
        long highestModSeq;
        boolean noModSeq;
        List<String> flags = List.of();
        List<String> permanentFlags = List.of();

        /** Whether FETCH and VANISHED (EARLIER) answer this SELECT (QRESYNC) or are events. */
        private final boolean qresync;

        SelectCollector(MessageSink sink, boolean qresync, boolean previousMailbox,
                java.util.function.Consumer<ServerEvent> emit) {
            this.sink = sink;
            this.qresync = qresync;
            this.beforeClosed = previousMailbox;
            this.emit = emit;
        }

        @Override
        public boolean untagged(WireResponse r) {
            if (r.isOK() || r.isNO() || r.isBAD()) {
                ResponseCode code = ResponseCode.of(r);
                if (code == null) {
                    return false;
                }
                switch (code.name()) {
                    case "UIDVALIDITY" -> uidValidity = code.number();
                    case "UIDNEXT" -> uidNext = code.number();
                    case "HIGHESTMODSEQ" -> highestModSeq = code.number();
                    case "NOMODSEQ" -> noModSeq = true;
                    case "PERMANENTFLAGS" -> permanentFlags = code.list();
                    case "CLOSED" -> {
                        beforeClosed = false;
                        for (Object o : held) {
                            emit.accept(o instanceof FetchedMessage m ? new ServerEvent.FlagsChanged(m)
                                    : new ServerEvent.Vanished(((Vanished) o).uids(), ((Vanished) o).earlier()));
                        }
                        held.clear();
                    }
                    default -> {
                        return false;
                    }
                }
                return true;
            }
            if (r.keyEquals("FLAGS")) {
                flags = r.lexer().atomList();
                return true;
            }
            return false;
        }

        @Override
        public boolean exists(long count) {
            exists = count;
            return true;
        }

        @Override
        public boolean fetch(WireFetchResponse r) throws CoreException {
            if (!qresync) {
                return false;
            }
            if (beforeClosed) {
                held.add(FetchDecoder.decode(r));
                return true;
            }
            sink.message(FetchDecoder.decode(r));
            return true;
        }

        @Override
        public boolean claims(WireFetchResponse r) {
            return qresync;
        }

        @Override
        public boolean vanishedEarlier(Vanished v) throws CoreException {
            if (!qresync) {
                return false;
            }
            if (beforeClosed) {
                held.add(v);
                return true;
            }
            sink.vanished(v.uids(), true);
            return true;
        }

        void finish() throws CoreException {
            for (Object o : held) {
                if (o instanceof FetchedMessage m) {
                    sink.message(m);
                } else {
                    sink.vanished(((Vanished) o).uids(), true);
                }
            }
            held.clear();
        }
    }

    @Override
    public void unselect(IProgressMonitor monitor) throws CoreException {
        MailboxName current = selected;
        if (current == null) {
            return;
        }
        if (capabilities.unselect()) {
            run(Command.builder("UNSELECT").build(), Conversation.NONE, monitor);
        } else {
            // Why not CLOSE alone: CLOSE expunges \Deleted messages of a read-write mailbox, which would
            // remove other clients' deletions (RFC 4549 §4.2.4). CLOSE of a mailbox opened by EXAMINE never
            // expunges (RFC 3501 §6.4.2), so re-open it read-only first.
            SubMonitor sm = SubMonitor.convert(monitor, 2);
            if (!selectedReadOnly) {
                run(Command.builder("EXAMINE").mailbox(current).build(), new SelectCollector(MessageSink.NONE, false, false, conv::emit),
                        sm.newChild(1));
            }
            run(Command.builder("CLOSE").build(), Conversation.NONE, sm.newChild(1));
        }
        selected = null;
    }

    // ---------------------------------------------------------------------------------------- messages

    @Override
    public void fetch(UidSet uids, FetchSpec spec, MessageSink sink, IProgressMonitor monitor)
            throws CoreException {
        if (uids.isEmpty()) {
            return;
        }
        requireSelected("UID FETCH");
        checkFetchSpec(spec, true);
        String items = fetchItems(spec);
        String modifiers = fetchModifiers(spec);
        List<UidSet> parts = SetSplitter.split(uids, setBudget("UID FETCH " + items + modifiers));
        SubMonitor sm = SubMonitor.convert(monitor, "Fetching " + uids.size() + " messages", parts.size());
        boolean raw = spec.has(FetchItem.ENVELOPE) || spec.has(FetchItem.BODYSTRUCTURE);
        for (UidSet part : parts) {
            Command cmd = Command.builder("UID FETCH").set(part).sp(items + modifiers).build();
            conv.protocol().captureRaw(raw);
            try {
                run(cmd, new FetchRouting(sink, part, false, spec.vanished()), next(sm));
            } finally {
                conv.protocol().captureRaw(false);
            }
        }
    }

    @Override
    public void fetchSequences(UidSet seqs, FetchSpec spec, MessageSink sink, IProgressMonitor monitor)
            throws CoreException {
        requireSelected("FETCH");
        checkFetchSpec(spec, false);
        // RFC 3501 §6.4.5: a sequence number beyond EXISTS is an error (BAD), not an empty answer.
        long exists = conv.exists();
        UidSet existing = exists < 0 ? seqs : seqs.slice(1, exists);
        if (existing.isEmpty()) {
            return;
        }
        seqs = existing;
        String items = fetchItems(spec);
        String modifiers = fetchModifiers(spec);
        List<UidSet> parts = SetSplitter.split(seqs, setBudget("FETCH " + items + modifiers));
        SubMonitor sm = SubMonitor.convert(monitor, "Fetching " + seqs.size() + " messages", parts.size());
        boolean raw = spec.has(FetchItem.ENVELOPE) || spec.has(FetchItem.BODYSTRUCTURE);
        for (UidSet part : parts) {
            Command cmd = Command.builder("FETCH").set(part).sp(items + modifiers).build();
            conv.protocol().captureRaw(raw);
            try {
                run(cmd, new FetchRouting(sink, part, true, false), next(sm));
            } finally {
                conv.protocol().captureRaw(false);
            }
        }
    }

    private void checkFetchSpec(FetchSpec spec, boolean uidCommand) throws CoreException {
        if (spec.changedSince() > 0 && !capabilities.condstore()) {
            throw failures.of(ImapError.CAPABILITY_MISSING, selected, "FETCH with CHANGEDSINCE needs CONDSTORE", null);
        }
        if (spec.vanished() && (!uidCommand || !capabilities.qresync())) {
            throw failures.of(ImapError.CAPABILITY_MISSING, selected,
                    "FETCH with VANISHED needs a UID FETCH on a session with QRESYNC enabled", null);
        }
        for (String name : spec.headerFields()) {
            if (!ATOM.matcher(name).matches()) {
                throw failures.of(ImapError.COMMAND_REJECTED, selected, "not a header field name: '" + name + "'",
                        null);
            }
        }
    }

    /** The item list: UID always; MODSEQ only with CONDSTORE and EMAILID/THREADID only with OBJECTID. */
    private String fetchItems(FetchSpec spec) {
        StringBuilder sb = new StringBuilder("(UID");
        if (spec.has(FetchItem.FLAGS)) {
            sb.append(" FLAGS");
        }
        if (spec.has(FetchItem.MODSEQ) && capabilities.condstore()) {
            sb.append(" MODSEQ");
        }
        if (spec.has(FetchItem.SIZE)) {
            sb.append(" RFC822.SIZE");
        }
        if (spec.has(FetchItem.INTERNALDATE)) {
            sb.append(" INTERNALDATE");
        }
        if (spec.has(FetchItem.ENVELOPE)) {
            sb.append(" ENVELOPE");
        }
        if (spec.has(FetchItem.BODYSTRUCTURE)) {
            sb.append(" BODYSTRUCTURE");
        }
        if (spec.has(FetchItem.EMAILID) && capabilities.objectId()) {
            sb.append(" EMAILID THREADID");
        }
        if (spec.has(FetchItem.HEADER_FIELDS)) {
            sb.append(" BODY.PEEK[HEADER.FIELDS (").append(String.join(" ", spec.headerFields())).append(")]");
        }
        if (spec.has(FetchItem.HEADER)) {
            sb.append(" BODY.PEEK[HEADER]");
        }
        if (spec.has(FetchItem.BODY)) {
            sb.append(" BODY.PEEK[]");
        }
        return sb.append(')').toString();
    }

    private static String fetchModifiers(FetchSpec spec) {
        if (spec.changedSince() <= 0) {
            return "";
        }
        return " (CHANGEDSINCE " + spec.changedSince() + (spec.vanished() ? " VANISHED)" : ")");
    }

    /** @return how many characters a set may take in a command whose other text is {@code rest} */
    private static int setBudget(String rest) {
        return Math.max(64, Command.MAX_LINE - rest.length() - 32);
    }

    /** Routes the FETCH responses of a command: those for the command's set to the sink, others are events. */
    private static final class FetchRouting implements Conversation.Handler {
        private final MessageSink sink;
        private final UidSet set;
        private final boolean bySequence;
        private final boolean vanished;

        FetchRouting(MessageSink sink, UidSet set, boolean bySequence, boolean vanished) {
            this.sink = sink;
            this.set = set;
            this.bySequence = bySequence;
            this.vanished = vanished;
        }

        @Override
        public boolean fetch(WireFetchResponse r) throws CoreException {
            FetchedMessage m = FetchDecoder.decode(r);
            long key = bySequence ? m.seq() : m.uid();
            if (key < 1 || !set.contains(key)) {
                return false;
            }
            sink.message(m);
            return true;
        }

        @Override
        public boolean claims(WireFetchResponse r) {
            long key = bySequence ? r.getNumber() : FetchDecoder.uidOf(r);
            return key >= 1 && set.contains(key);
        }

        @Override
        public boolean vanishedEarlier(Vanished v) throws CoreException {
            if (!vanished) {
                return false;
            }
            sink.vanished(v.uids(), true);
            return true;
        }
    }

    @Override
    public UidSet search(SearchKey key, IProgressMonitor monitor) throws CoreException {
        requireSelected("UID SEARCH");
        checkSearchKey(key);
        // Split a long UID criterion: the answer for the whole set is the union of the answers for its parts.
        SearchKey.Uids big = largestUids(key);
        List<SearchKey> keys = new ArrayList<>();
        if (big != null) {
            String without = criteria(replace(key, big, new SearchKey.Uids(UidSet.of(1))));
            for (UidSet part : SetSplitter.split(big.uids(), setBudget("UID SEARCH RETURN (ALL) CHARSET UTF-8 "
                    + without))) {
                keys.add(replace(key, big, new SearchKey.Uids(part)));
            }
        } else {
            keys.add(key);
        }
        SubMonitor sm = SubMonitor.convert(monitor, "Searching", keys.size());
        UidSet result = UidSet.empty();
        for (SearchKey k : keys) {
            result = result.union(searchOnce(k, next(sm)));
        }
        return result;
    }

    private UidSet searchOnce(SearchKey key, IProgressMonitor monitor) throws CoreException {
        Command.Builder b = Command.builder("UID SEARCH");
        boolean esearch = capabilities.esearch();
        if (esearch) {
            b.sp("RETURN (ALL)");
        }
        if (needsCharset(key)) {
            b.sp("CHARSET UTF-8");
        }
        writeCriteria(b, key);
        UidSet.Builder found = UidSet.builder();
        run(b.build(), new Conversation.Handler() {
            @Override
            public boolean untagged(WireResponse r) {
                if (r.keyEquals("ESEARCH")) {
                    found.addAll(SearchResult.esearch(r).uids());
                    return true;
                }
                if (r.keyEquals("SEARCH")) {
                    found.addAll(SearchResult.search(r).uids());
                    return true;
                }
                return false;
            }
        }, monitor);
        return found.build();
    }

    private void checkSearchKey(SearchKey key) throws CoreException {
        if (key instanceof SearchKey.ModSeqAtLeast && !capabilities.condstore()) {
            throw failures.of(ImapError.CAPABILITY_MISSING, selected, "SEARCH MODSEQ needs CONDSTORE", null);
        }
        if (key instanceof SearchKey.And and) {
            for (SearchKey k : and.keys()) {
                checkSearchKey(k);
            }
        }
        if (key instanceof SearchKey.Header h && !ATOM.matcher(h.name()).matches()) {
            throw failures.of(ImapError.COMMAND_REJECTED, selected, "not a header field name: '" + h.name() + "'",
                    null);
        }
    }

    private static SearchKey.Uids largestUids(SearchKey key) {
        if (key instanceof SearchKey.Uids u) {
            return u;
        }
        if (key instanceof SearchKey.And and) {
            SearchKey.Uids best = null;
            for (SearchKey k : and.keys()) {
                if (k instanceof SearchKey.Uids u && (best == null || u.uids().rangeCount() > best.uids().rangeCount())) {
                    best = u;
                }
            }
            return best;
        }
        return null;
    }

    private static SearchKey replace(SearchKey key, SearchKey.Uids from, SearchKey.Uids to) {
        if (key == from) {
            return to;
        }
        if (key instanceof SearchKey.And and) {
            List<SearchKey> ks = new ArrayList<>();
            for (SearchKey k : and.keys()) {
                ks.add(k == from ? to : k);
            }
            return new SearchKey.And(ks);
        }
        return key;
    }

    private static boolean needsCharset(SearchKey key) {
        if (key instanceof SearchKey.Header h) {
            return !ascii(h.value());
        }
        if (key instanceof SearchKey.And and) {
            return and.keys().stream().anyMatch(AngusImapSession::needsCharset);
        }
        return false;
    }

    private static boolean ascii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }

    /** @return the criteria as text, for measuring */
    private static String criteria(SearchKey key) {
        Command.Builder b = Command.builder("");
        writeCriteria(b, key);
        return b.build().shown();
    }

    private static void writeCriteria(Command.Builder b, SearchKey key) {
        switch (key) {
            case SearchKey.All a -> b.sp("ALL");
            case SearchKey.Uids u -> b.sp("UID").set(u.uids());
            case SearchKey.Header h -> b.sp("HEADER " + h.name()).string(h.value());
            case SearchKey.ModSeqAtLeast m -> b.sp("MODSEQ " + m.modSeq());
            case SearchKey.Deleted d -> b.sp("DELETED");
            case SearchKey.And and -> {
                // a list of keys is their conjunction (RFC 3501 §6.4.4), so nested ANDs flatten
                for (SearchKey k : and.keys()) {
                    writeCriteria(b, k);
                }
            }
        }
    }

    @Override
    public StoreResult store(UidSet uids, FlagOperation op, Flags flags, long unchangedSince, MessageSink sink,
            IProgressMonitor monitor) throws CoreException {
        if (uids.isEmpty() || flags.isEmpty() && op != FlagOperation.REPLACE) {
            return StoreResult.ALL_STORED;
        }
        requireSelected("UID STORE");
        if (unchangedSince > 0 && !capabilities.condstore()) {
            throw failures.of(ImapError.CAPABILITY_MISSING, selected, "STORE with UNCHANGEDSINCE needs CONDSTORE",
                    null);
        }
        for (String k : flags.keywords()) {
            if (!ATOM.matcher(k).matches()) {
                throw failures.of(ImapError.COMMAND_REJECTED, selected, "not a valid IMAP keyword: '" + k + "'", null);
            }
        }
        MessageSink target = sink == null ? MessageSink.NONE : sink;
        String item = switch (op) {
            case ADD -> "+FLAGS";
            case REMOVE -> "-FLAGS";
            case REPLACE -> "FLAGS";
        } + (target == MessageSink.NONE ? ".SILENT" : "");
        String tail = (unchangedSince > 0 ? "(UNCHANGEDSINCE " + unchangedSince + ") " : "") + item + " "
                + flags.toImapList();
        List<UidSet> parts = SetSplitter.split(uids, setBudget("UID STORE " + tail));
        SubMonitor sm = SubMonitor.convert(monitor, "Storing flags", parts.size());
        UidSet modified = UidSet.empty();
        for (UidSet part : parts) {
            FetchRouting routing = new FetchRouting(target, part, false, false);
            WireResponse tagged = run(Command.builder("UID STORE").set(part).sp(tail).build(),
                    new Conversation.Handler() {
                        @Override
                        public boolean fetch(WireFetchResponse r) throws CoreException {
                            return routing.fetch(r);
                        }

                        @Override
                        public boolean claims(WireFetchResponse r) {
                            return routing.claims(r);
                        }

                        @Override
                        public boolean acceptsNo(WireResponse t) {
                            ResponseCode c = ResponseCode.of(t);
                            return c != null && c.is("MODIFIED");
                        }
                    }, next(sm));
            ResponseCode code = ResponseCode.of(tagged);
            if (code != null && code.is("MODIFIED")) {
                modified = modified.union(code.set());
            }
        }
        return new StoreResult(modified);
    }

    @Override
    public UidSet expunge(UidSet uids, IProgressMonitor monitor) throws CoreException {
        if (!capabilities.uidplus()) {
            throw failures.of(ImapError.CAPABILITY_MISSING, selected,
                    "UID EXPUNGE needs UIDPLUS; a plain EXPUNGE would remove other clients' deleted messages", null);
        }
        if (uids.isEmpty()) {
            return UidSet.empty();
        }
        requireSelected("UID EXPUNGE");
        List<UidSet> parts = SetSplitter.split(uids, setBudget("UID EXPUNGE "));
        SubMonitor sm = SubMonitor.convert(monitor, "Expunging", parts.size() + 1);
        UidSet.Builder vanished = UidSet.builder();
        long[] expunges = { 0 };
        for (UidSet part : parts) {
            run(Command.builder("UID EXPUNGE").set(part).build(), new Conversation.Handler() {
                @Override
                public void delivered(ServerEvent e) {
                    if (e instanceof ServerEvent.Vanished v && !v.earlier()) {
                        vanished.addAll(v.uids());
                    } else if (e instanceof ServerEvent.Expunge) {
                        expunges[0]++;
                    }
                }
            }, next(sm));
        }
        if (expunges[0] == 0) {
            // with QRESYNC the server names the expunged UIDs (VANISHED); without, nothing was expunged
            return vanished.build().intersect(uids);
        }
        // EXPUNGE responses carry sequence numbers, and another client's expunges may be among them: the UIDs
        // that went are those that no longer answer a search (positive evidence, never a count).
        return uids.minus(search(SearchKey.uids(uids), next(sm)));
    }

    @Override
    public Optional<CopyUid> copy(UidSet uids, MailboxName target, IProgressMonitor monitor) throws CoreException {
        return transfer("UID COPY", uids, target, monitor);
    }

    @Override
    public Optional<CopyUid> move(UidSet uids, MailboxName target, IProgressMonitor monitor) throws CoreException {
        if (!capabilities.move()) {
            throw failures.of(ImapError.CAPABILITY_MISSING, selected, "UID MOVE needs MOVE", null);
        }
        return transfer("UID MOVE", uids, target, monitor);
    }

    private Optional<CopyUid> transfer(String verb, UidSet uids, MailboxName target, IProgressMonitor monitor)
            throws CoreException {
        if (uids.isEmpty()) {
            return Optional.empty();
        }
        requireSelected(verb);
        List<UidSet> parts = SetSplitter.split(uids, setBudget(verb + " " + MailboxCodec.encode(target) + "  "));
        SubMonitor sm = SubMonitor.convert(monitor, verb, parts.size());
        CopyUid merged = null;
        boolean complete = true;
        for (UidSet part : parts) {
            CopyUid[] found = { null };
            WireResponse tagged = run(Command.builder(verb).set(part).mailbox(target).mayBeMissing().build(),
                    new Conversation.Handler() {
                        @Override
                        public boolean untagged(WireResponse r) {
                            // MOVE reports COPYUID in an untagged OK before its EXPUNGEs (RFC 6851 §4.3)
                            if (r.isOK()) {
                                ResponseCode c = ResponseCode.of(r);
                                if (c != null && c.is("COPYUID")) {
                                    found[0] = c.copyUid();
                                    return true;
                                }
                            }
                            return false;
                        }
                    }, next(sm));
            ResponseCode code = ResponseCode.of(tagged);
            if (code != null && code.is("COPYUID")) {
                found[0] = code.copyUid();
            }
            if (found[0] == null) {
                complete = false;
            } else if (merged == null) {
                merged = found[0];
            } else if (merged.targetUidValidity() == found[0].targetUidValidity()
                    && merged.target().last() < found[0].target().first()) {
                merged = new CopyUid(merged.targetUidValidity(), merged.source().union(found[0].source()),
                        merged.target().union(found[0].target()));
            } else {
                complete = false;
            }
        }
        return complete ? Optional.ofNullable(merged) : Optional.empty();
    }

    @Override
    public Optional<AppendUid> append(MailboxName mailbox, Flags flags, Instant internalDate, byte[] message,
            IProgressMonitor monitor) throws CoreException {
        Command.Builder b = Command.builder("APPEND").mailbox(mailbox).mayBeMissing();
        Flags f = flags == null ? Flags.EMPTY : flags;
        for (String k : f.keywords()) {
            if (!ATOM.matcher(k).matches()) {
                throw failures.of(ImapError.COMMAND_REJECTED, mailbox, "not a valid IMAP keyword: '" + k + "'", null);
            }
        }
        if (!f.isEmpty()) {
            b.sp(f.toImapList());
        }
        if (internalDate != null) {
            b.sp("\"" + INTERNALDATE.format(internalDate) + "\"");
        }
        b.raw(" ").literal(message);
        WireResponse tagged = run(b.build(), Conversation.NONE, monitor);
        ResponseCode code = ResponseCode.of(tagged);
        return code != null && code.is("APPENDUID") ? Optional.of(code.appendUid()) : Optional.empty();
    }

    // ---------------------------------------------------------------------------------------- push

    @Override
    public IdleEnd idle(IdleListener listener, Duration reissueEvery, Duration maxDuration, IProgressMonitor monitor)
            throws CoreException {
        if (!capabilities.idle()) {
            throw failures.of(ImapError.CAPABILITY_MISSING, selected, "IDLE is not offered by " + failures.endpoint(),
                    null);
        }
        if (reissueEvery.isNegative() || reissueEvery.isZero() || maxDuration.isNegative()) {
            throw new IllegalArgumentException("IDLE durations must be positive");
        }
        long deadline = System.nanoTime() + Math.min(maxDuration.toNanos(), Long.MAX_VALUE / 4);
        int readTimeout = (int) Math.min(Integer.MAX_VALUE, account.readTimeout().toMillis());
        while (true) {
            if (conv.takeWakeUp()) {
                return IdleEnd.WOKEN;
            }
            if (monitor != null && monitor.isCanceled()) {
                return IdleEnd.CANCELED;
            }
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                return IdleEnd.TIMEOUT;
            }
            long reissueAt = now + Math.min(reissueEvery.toNanos(), deadline - now);
            Conversation.IdleStop stop = conv.idleRound(listener, reissueAt, deadline, monitor, readTimeout);
            switch (stop) {
                case REISSUE -> {
                    // loop: DONE was answered; start the next IDLE
                }
                case LISTENER -> {
                    return IdleEnd.LISTENER;
                }
                case WOKEN -> {
                    return IdleEnd.WOKEN;
                }
                case CANCELED -> {
                    return IdleEnd.CANCELED;
                }
                case TIMEOUT -> {
                    return IdleEnd.TIMEOUT;
                }
            }
        }
    }

    @Override
    public void wakeUp() {
        conv.wakeUp();
    }

    @Override
    public void noop(IProgressMonitor monitor) throws CoreException {
        run(Command.builder("NOOP").build(), Conversation.NONE, monitor);
    }

    @Override
    public void abort() {
        conv.abort();
    }

    @Override
    public void close() {
        if (!conv.isOpen()) {
            conv.markClosed();
            return;
        }
        try {
            conv.protocol().logout();
        } catch (Exception e) {
            // best effort: the socket is closed below either way
        } finally {
            conv.closeQuietly();
        }
    }

    // ---------------------------------------------------------------------------------------- helpers

    private WireResponse run(Command cmd, Conversation.Handler h, IProgressMonitor monitor) throws CoreException {
        return conv.run(cmd, h, monitor);
    }

    private SubMonitor next(SubMonitor sm) throws CoreException {
        try {
            return sm.split(1);
        } catch (OperationCanceledException e) {
            conv.abort();
            throw failures.of(ImapError.CANCELED, selected, "canceled", null);
        }
    }

    private void requireSelected(String verb) throws CoreException {
        if (selected == null) {
            throw failures.of(ImapError.COMMAND_REJECTED, null, verb + " needs a selected mailbox", null);
        }
    }

    @Override
    public String toString() {
        return "AngusImapSession[" + account.id() + ", " + (selected == null ? "no mailbox" : selected) + "]";
    }
}
