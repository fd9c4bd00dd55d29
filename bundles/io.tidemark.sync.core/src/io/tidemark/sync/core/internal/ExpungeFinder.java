/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;

import io.tidemark.imap.api.FetchSpec;
import io.tidemark.imap.api.SearchKey;
import io.tidemark.model.UidSet;

/**
 * Finds which of the replica's UIDs the server expunged, when the counters say some were but the server
 * does not report them (no QRESYNC).
 * <p>
 * With ESEARCH, one {@code UID SEARCH UID 1:last} returns the present UIDs as a compact set. Without it, a
 * sequence bisection: sequence numbers have no holes and follow UID order (RFC 3501 §2.3.1.2), so the UID
 * at sequence {@code s} tells how many replica UIDs below it are gone; probing a few sequence numbers per
 * round trip narrows the holes down in O(k log n) probes for k holes. Either way the candidates are then
 * confirmed by a {@code UID FETCH} of exactly those UIDs: a message is removed only when it is absent from a
 * complete answer over explicit UIDs (invariant I3).
 */
final class ExpungeFinder {

    /** Sequence numbers probed per interval per round trip. */
    private static final int PROBES = 8;

    private final Connection connection;

    ExpungeFinder(Connection connection) {
        this.connection = connection;
    }

    /**
     * @param local the replica's UIDs up to the last seen UID
     * @param lastSeenUid the explicit upper bound of the old range
     * @param serverOld how many messages the server holds with UID ≤ lastSeenUid
     * @param esearch whether the server offers ESEARCH (a compact SEARCH answer)
     * @return the replica UIDs the server no longer has, confirmed
     */
    UidSet find(UidSet local, long lastSeenUid, long serverOld, boolean esearch, IProgressMonitor monitor)
            throws CoreException {
        if (local.isEmpty() || serverOld >= local.size()) {
            return UidSet.empty();
        }
        UidSet candidates;
        if (esearch || serverOld == 0) {
            candidates = serverOld == 0 ? local
                    : local.minus(connection.session().search(SearchKey.uids(UidSet.range(1, lastSeenUid)), monitor));
        } else {
            candidates = bisect(local, serverOld, monitor);
        }
        return confirm(candidates, monitor);
    }

    /** Removes from the candidates every UID the server still answers for. */
    private UidSet confirm(UidSet candidates, IProgressMonitor monitor) throws CoreException {
        if (candidates.isEmpty()) {
            return candidates;
        }
        UidSet.Builder present = UidSet.builder();
        long uidless = connection.uidlessFetches();
        connection.session().fetch(candidates, FetchSpec.of(), m -> {
            if (m.uid() > 0) {
                present.add(m.uid());
            }
        }, monitor);
        if (connection.uidlessFetches() != uidless) {
            return UidSet.empty(); // an answer without UIDs is no evidence of absence; look again next time
        }
        return candidates.minus(present.build());
    }

    private UidSet bisect(UidSet local, long serverOld, IProgressMonitor monitor) throws CoreException {
        for (int attempt = 0; attempt < 3; attempt++) {
            long shifts = connection.sequenceShifts();
            UidSet found = bisectOnce(local, serverOld, monitor);
            if (found != null && connection.sequenceShifts() == shifts) {
                return found;
            }
        }
        // the mailbox keeps changing under us: fall back to listing the present UIDs
        return local.minus(connection.session().search(SearchKey.uids(UidSet.range(1, local.last())), monitor));
    }

    /**
     * One bisection over a stable mailbox. {@code e(s) = rank(uidAt(s)) - s} counts the replica UIDs below the
     * server's s-th message that are gone; it never decreases, and a rise between s and s+1 means the replica
     * UIDs strictly between their two UIDs are gone.
     */
    private UidSet bisectOnce(UidSet local, long serverOld, IProgressMonitor monitor) throws CoreException {
        TreeMap<Long, Long> uidAt = new TreeMap<>();
        List<long[]> open = new ArrayList<>();
        open.add(new long[] { 1, serverOld });
        probe(List.of(1L, serverOld), uidAt, monitor);
        if (!uidAt.containsKey(1L) || !uidAt.containsKey(serverOld)) {
            return null;
        }
        UidSet.Builder gone = UidSet.builder();
        // before the first message and after the old range's last message
        long first = uidAt.get(1L);
        if (first > local.first()) {
            gone.addAll(local.slice(1, first - 1));
        }
        long lastUid = uidAt.get(serverOld);
        if (lastUid < local.last()) {
            gone.addAll(local.slice(lastUid + 1, local.last()));
        }
        while (!open.isEmpty()) {
            List<long[]> next = new ArrayList<>();
            List<Long> toProbe = new ArrayList<>();
            for (long[] iv : open) {
                long lo = iv[0];
                long hi = iv[1];
                if (excess(local, uidAt.get(lo), lo) == excess(local, uidAt.get(hi), hi)) {
                    continue; // no hole in between
                }
                if (hi - lo == 1) {
                    gone.addAll(local.slice(uidAt.get(lo) + 1, uidAt.get(hi) - 1));
                    continue;
                }
                long step = Math.max(1, (hi - lo) / (PROBES + 1));
                long prev = lo;
                for (long s = lo + step; s < hi; s += step) {
                    toProbe.add(s);
                    next.add(new long[] { prev, s });
                    prev = s;
                }
                next.add(new long[] { prev, hi });
            }
            if (!toProbe.isEmpty()) {
                probe(toProbe, uidAt, monitor);
                for (long s : toProbe) {
                    if (!uidAt.containsKey(s)) {
                        return null; // the mailbox shrank under us
                    }
                }
            }
            open = next;
        }
        return gone.build();
    }

    private static long excess(UidSet local, long uid, long seq) {
        return local.slice(1, uid).size() - seq;
    }

    private void probe(List<Long> seqs, TreeMap<Long, Long> uidAt, IProgressMonitor monitor) throws CoreException {
        UidSet.Builder b = UidSet.builder();
        for (long s : seqs) {
            b.add(s);
        }
        connection.session().fetchSequences(b.build(), FetchSpec.of(), m -> uidAt.put(m.seq(), m.uid()), monitor);
    }
}
