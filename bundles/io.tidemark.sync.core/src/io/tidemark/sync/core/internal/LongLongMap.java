/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

/**
 * An open-addressing map from non-zero long keys to long values: the identity index of a UIDVALIDITY reset,
 * about 32 bytes an entry instead of ~100 for boxed maps. A key stored twice is remembered as ambiguous and
 * then matches nothing. Not thread-safe.
 */
final class LongLongMap {

    static final long MISSING = Long.MIN_VALUE;
    private static final long AMBIGUOUS = Long.MIN_VALUE + 1;

    private long[] keys;
    private long[] values;
    private int size;

    LongLongMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[cap];
        values = new long[cap];
    }

    /** Puts {@code key -> value}; a second put of the same key makes it ambiguous. Key 0 is reserved. */
    void put(long key, long value) {
        if (key == 0) {
            key = 1;
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int i = slot(key);
        if (keys[i] == key) {
            values[i] = AMBIGUOUS;
            return;
        }
        keys[i] = key;
        values[i] = value;
        size++;
    }

    /** @return the value, or {@link #MISSING} if absent or ambiguous */
    long get(long key) {
        if (key == 0) {
            key = 1;
        }
        int i = slot(key);
        if (keys[i] != key || values[i] == AMBIGUOUS) {
            return MISSING;
        }
        return values[i];
    }

    /** Removes a key so it cannot match twice. */
    void remove(long key) {
        if (key == 0) {
            key = 1;
        }
        int i = slot(key);
        if (keys[i] == key) {
            values[i] = AMBIGUOUS;
        }
    }

    int size() {
        return size;
    }

    private int slot(long key) {
        int mask = keys.length - 1;
        int i = (int) (mix(key) & mask);
        while (keys[i] != 0 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int j = slot(oldKeys[i]);
                keys[j] = oldKeys[i];
                values[j] = oldValues[i];
            }
        }
    }

    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        return k;
    }

    @Override
    public String toString() {
        return "LongLongMap[size=" + size + ", capacity=" + keys.length + "]";
    }
}
