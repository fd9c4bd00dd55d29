/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.api;

import java.time.Instant;

/**
 * What the replica of one mailbox knows of the server, committed together with the changes it covers
 * (invariant I1): the cursor of incremental sync.
 *
 * @param uidValidity the UIDVALIDITY of the epoch the replica holds
 * @param uidNext the UIDNEXT seen at the last completed sync
 * @param highestModSeq the HIGHESTMODSEQ up to which all changes are applied (0 without CONDSTORE); only
 *            ever taken from a SELECT's {@code [HIGHESTMODSEQ]} or a command's final OK, never from a single
 *            FETCH's MODSEQ (RFC 5162 erratum 1810)
 * @param lastSeenUid the highest UID whose message the replica holds or has decided about
 * @param exists the server's message count at the last completed sync
 * @param lastSync when the last sync of this mailbox completed, or null
 * @param lastStrategy the strategy the last sync used ({@code QRESYNC}, {@code CONDSTORE}, {@code PLAIN}), or
 *            null
 * @param lastFlagScan when the plain strategy last scanned every flag, or null
 * @since 0.1
 */
public record MailboxSyncState(long uidValidity, long uidNext, long highestModSeq, long lastSeenUid, long exists,
        Instant lastSync, String lastStrategy, Instant lastFlagScan) {

    /** Validates the counters. */
    public MailboxSyncState {
        if (uidValidity < 1 || uidNext < 0 || highestModSeq < 0 || lastSeenUid < 0 || exists < 0) {
            throw new IllegalArgumentException("Invalid sync state: uidValidity=" + uidValidity + " uidNext="
                    + uidNext + " highestModSeq=" + highestModSeq + " lastSeenUid=" + lastSeenUid + " exists="
                    + exists);
        }
    }

    /** @return the state of a new epoch: nothing seen yet */
    public static MailboxSyncState initial(long uidValidity) {
        return new MailboxSyncState(uidValidity, 0, 0, 0, 0, null, null, null);
    }

    /** @return a copy with these counters */
    public MailboxSyncState withCounters(long newUidNext, long newHighestModSeq, long newLastSeenUid,
            long newExists) {
        return new MailboxSyncState(uidValidity, newUidNext, newHighestModSeq, newLastSeenUid, newExists, lastSync,
                lastStrategy, lastFlagScan);
    }

    /** @return a copy recording a completed sync */
    public MailboxSyncState completed(Instant when, String strategy) {
        return new MailboxSyncState(uidValidity, uidNext, highestModSeq, lastSeenUid, exists, when, strategy,
                lastFlagScan);
    }

    /** @return a copy recording a completed full flag scan */
    public MailboxSyncState flagScanned(Instant when) {
        return new MailboxSyncState(uidValidity, uidNext, highestModSeq, lastSeenUid, exists, lastSync, lastStrategy,
                when);
    }
}
