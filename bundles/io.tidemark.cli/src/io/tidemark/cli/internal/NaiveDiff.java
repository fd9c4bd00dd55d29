/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;

import io.tidemark.imap.api.CredentialsProvider;
import io.tidemark.imap.api.FetchItem;
import io.tidemark.imap.api.FetchSpec;
import io.tidemark.imap.api.ImapSession;
import io.tidemark.imap.api.ImapTransport;
import io.tidemark.imap.api.SelectOptions;
import io.tidemark.imap.api.SelectResult;
import io.tidemark.imap.api.SessionOptions;
import io.tidemark.model.AccountConfig;
import io.tidemark.model.Flags;
import io.tidemark.model.MailboxName;
import io.tidemark.model.TrafficCounters;
import io.tidemark.model.UidSet;

/**
 * The naive way to find what changed, measured for real for the demo: a client that remembers each mailbox's
 * UIDVALIDITY and every UID's flags, and on every sync examines each mailbox, asks for {@code FETCH 1:* (UID
 * FLAGS)}, compares, and downloads the headers of every UID it does not know (what most simple sync scripts do).
 * It has no way to tell a move from a deletion plus new mail, and after a UIDVALIDITY change it must take every
 * message of the mailbox as new. It runs on the same transport as the engine, so the byte and command counts of
 * both come from the same counters; it uses no extension (no CONDSTORE, QRESYNC), and never changes the server
 * (EXAMINE, BODY.PEEK).
 */
final class NaiveDiff {

    /** What the naive client knows of a mailbox. */
    record Known(long uidValidity, Map<Long, Flags> flags) {
    }

    /**
     * What one naive pass found and cost.
     *
     * @param added UIDs it did not know (downloaded)
     * @param vanished UIDs it knew that are gone
     * @param changed UIDs whose flags differ
     * @param traffic bytes and commands, login and LIST included
     * @param time wall time
     * @param mailboxes the same per mailbox (traffic of its EXAMINE and FETCHes only)
     */
    record Cost(long added, long vanished, long changed, TrafficCounters traffic, Duration time,
            Map<MailboxName, Cost> mailboxes) {
    }

    /** The items a header-only sync downloads for a new message, as the engine's default body policy. */
    static final FetchSpec NEW_MESSAGE = new FetchSpec(EnumSet.of(FetchItem.FLAGS, FetchItem.SIZE,
            FetchItem.INTERNALDATE, FetchItem.ENVELOPE, FetchItem.BODYSTRUCTURE, FetchItem.HEADER), List.of(), 0, false);

    private final ImapTransport transport;
    private final AccountConfig account;
    private final CredentialsProvider credentials;

    NaiveDiff(ImapTransport transport, AccountConfig account, CredentialsProvider credentials) {
        this.transport = transport;
        this.account = account;
        this.credentials = credentials;
    }

    /**
     * One naive pass over {@code mailboxes}.
     *
     * @param known what the client knew before (updated with what it knows after); empty for the first pass
     * @param download whether to download the headers of unknown UIDs (the first pass only learns)
     */
    Cost pass(List<MailboxName> mailboxes, Map<MailboxName, Known> known, boolean download, IProgressMonitor monitor)
            throws CoreException {
        long t0 = System.nanoTime();
        long added = 0;
        long vanished = 0;
        long changed = 0;
        try (ImapSession s = transport.open(account, credentials, SessionOptions.DEFAULT.withoutExtensions(), monitor)) {
            s.list(io.tidemark.imap.api.ListRequest.ALL, monitor);
            Map<MailboxName, Cost> per = new LinkedHashMap<>();
            for (MailboxName name : mailboxes) {
                long m0 = System.nanoTime();
                TrafficCounters c0 = s.counters();
                long a0 = added;
                long v0 = vanished;
                long ch0 = changed;
                SelectResult sel = s.select(name, SelectOptions.PLAIN.readOnlyCopy(), io.tidemark.imap.api.MessageSink.NONE,
                        monitor);
                Map<Long, Flags> now = new LinkedHashMap<>();
                if (sel.exists() > 0) {
                    s.fetchSequences(UidSet.range(1, sel.exists()), FetchSpec.FLAGS,
                            m -> now.put(m.uid(), m.flags() == null ? Flags.EMPTY : m.flags()), monitor);
                }
                Known before = known.get(name);
                Map<Long, Flags> old = before == null || before.uidValidity() != sel.uidValidity() ? Map.of()
                        : before.flags();
                UidSet.Builder unknown = UidSet.builder();
                for (Map.Entry<Long, Flags> e : now.entrySet()) {
                    Flags f = old.get(e.getKey());
                    if (f == null) {
                        unknown.add(e.getKey());
                    } else if (!f.sameAs(e.getValue())) {
                        changed++;
                    }
                }
                for (Long uid : old.keySet()) {
                    if (!now.containsKey(uid)) {
                        vanished++;
                    }
                }
                UidSet fresh = unknown.build();
                added += fresh.size();
                if (download && !fresh.isEmpty()) {
                    for (UidSet window : fresh.split(2000)) {
                        s.fetch(window, NEW_MESSAGE, m -> {
                            // downloaded and dropped: only the cost counts here
                        }, monitor);
                    }
                }
                known.put(name, new Known(sel.uidValidity(), new HashMap<>(now)));
                per.put(name, new Cost(added - a0, vanished - v0, changed - ch0, s.counters().minus(c0),
                        Duration.ofNanos(System.nanoTime() - m0), Map.of()));
            }
            return new Cost(added, vanished, changed, s.counters(), Duration.ofNanos(System.nanoTime() - t0), per);
        }
    }
}
