/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.api;

import io.tidemark.model.UidSet;

/**
 * The QRESYNC parameter of a SELECT (RFC 7162 §3.2.5):
 * {@code (QRESYNC (uidValidity modSeq [knownUids [(seqMatch uidMatch)]]))}.
 *
 * @param uidValidity the UIDVALIDITY the replica holds
 * @param modSeq the HIGHESTMODSEQ the replica last committed
 * @param knownUids the UIDs the replica holds (narrows VANISHED), or null
 * @param seqMatch sequence numbers of a sample of known messages, or null
 * @param uidMatch the UIDs at those sequence numbers, same length as {@code seqMatch}, or null
 * @since 0.1
 */
public record QresyncParams(long uidValidity, long modSeq, UidSet knownUids, UidSet seqMatch, UidSet uidMatch) {

    /** Validates. */
    public QresyncParams {
        if (uidValidity <= 0 || modSeq <= 0) {
            throw new IllegalArgumentException("QRESYNC needs a known UIDVALIDITY and MODSEQ");
        }
        if ((seqMatch == null) != (uidMatch == null)
                || seqMatch != null && seqMatch.size() != uidMatch.size()) {
            throw new IllegalArgumentException("seqMatch and uidMatch must both be given, of equal size");
        }
        if (seqMatch != null && knownUids == null) {
            throw new IllegalArgumentException("seqMatch needs knownUids");
        }
    }
}
