/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.api;

import java.util.Arrays;

/**
 * Pairs of old and new UIDs: the messages of an old UIDVALIDITY epoch re-identified in the new one, kept
 * (with their content) under their new UIDs by {@link StoreTransaction#resetMailbox}.
 * <p>
 * Compact: two parallel arrays sorted by old UID. Immutable.
 *
 * @since 0.1
 */
public final class UidRemap {

    /** No message kept. */
    public static final UidRemap NONE = new UidRemap(new long[0], new long[0]);

    private final long[] oldUids;
    private final long[] newUids;

    /**
     * @param oldUids old UIDs, distinct
     * @param newUids the new UID of each, distinct, same length
     */
    public UidRemap(long[] oldUids, long[] newUids) {
        if (oldUids.length != newUids.length) {
            throw new IllegalArgumentException("UidRemap arrays differ in length");
        }
        Integer[] order = new Integer[oldUids.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(oldUids[a], oldUids[b]));
        this.oldUids = new long[oldUids.length];
        this.newUids = new long[newUids.length];
        for (int i = 0; i < order.length; i++) {
            this.oldUids[i] = oldUids[order[i]];
            this.newUids[i] = newUids[order[i]];
            if (i > 0 && this.oldUids[i] == this.oldUids[i - 1]) {
                throw new IllegalArgumentException("UidRemap: old UID twice: " + this.oldUids[i]);
            }
        }
        long[] sortedNew = this.newUids.clone();
        Arrays.sort(sortedNew);
        for (int i = 1; i < sortedNew.length; i++) {
            if (sortedNew[i] == sortedNew[i - 1]) {
                throw new IllegalArgumentException("UidRemap: new UID twice: " + sortedNew[i]);
            }
        }
    }

    /** @return the number of pairs */
    public int size() {
        return oldUids.length;
    }

    /** @return the i-th old UID, ascending */
    public long oldUid(int i) {
        return oldUids[i];
    }

    /** @return the new UID of the i-th pair */
    public long newUid(int i) {
        return newUids[i];
    }

    /** @return the new UID of {@code oldUid}, or -1 if it is not kept */
    public long newUidOf(long oldUid) {
        int i = Arrays.binarySearch(oldUids, oldUid);
        return i < 0 ? -1 : newUids[i];
    }
}
