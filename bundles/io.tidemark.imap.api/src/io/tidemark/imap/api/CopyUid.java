/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.api;

import io.tidemark.model.UidSet;

/**
 * A COPYUID response code (RFC 4315 §3): the UIDs that copied or moved messages got in the target
 * mailbox. The n-th UID of {@code source} (ascending) maps to the n-th UID of {@code target}.
 *
 * @param targetUidValidity the target mailbox's UIDVALIDITY
 * @param source the source UIDs
 * @param target the target UIDs, same size as {@code source}
 * @since 0.1
 */
public record CopyUid(long targetUidValidity, UidSet source, UidSet target) {

    /** Validates. */
    public CopyUid {
        if (source.size() != target.size()) {
            throw new IllegalArgumentException("COPYUID sets differ in size: " + source + " / " + target);
        }
    }

    /**
     * @param sourceUid a UID of {@code source}
     * @return its UID in the target mailbox, or -1 if it is not in {@code source}
     */
    public long targetOf(long sourceUid) {
        if (!source.contains(sourceUid)) {
            return -1;
        }
        long index = 0;
        for (int i = 0; i < source.rangeCount(); i++) {
            long s = source.rangeStart(i);
            long e = source.rangeEnd(i);
            if (sourceUid <= e) {
                return target.get(index + (sourceUid - s));
            }
            index += e - s + 1;
        }
        return -1;
    }
}
