/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;
import java.util.function.LongConsumer;

/**
 * An immutable set of IMAP UIDs (or sequence numbers) kept as sorted, disjoint, non-adjacent ranges.
 * <p>
 * A mailbox's UIDs are mostly contiguous, so a million UIDs with the usual holes take a few hundred
 * kilobytes; the worst case (no two UIDs adjacent) is 8 bytes a UID. Values are unsigned 32-bit numbers
 * ({@code 1..4294967295}) held in an {@code int[]}.
 * <p>
 * {@link #parse(String)} reads IMAP sequence-set syntax ({@code 1:5,7,9:*}, ranges in either order,
 * overlaps allowed) and {@link #toString()} prints the canonical form. {@code *} stands for
 * {@link #MAX_UID}: for UID commands {@code n:*} and {@code n:4294967295} name the same UIDs except for the
 * RFC 3501 rule that {@code n:*} always matches the last message, which callers must filter (and which is
 * why the sync engine sends {@link #toExplicitString() explicit upper bounds}).
 * <p>
 * Thread-safe (immutable).
 *
 * @since 0.1
 */
public final class UidSet implements Iterable<Long> {

    /** The largest UID (and sequence number) IMAP allows: 2^32 - 1. */
    public static final long MAX_UID = 0xFFFF_FFFFL;

    private static final UidSet EMPTY = new UidSet(new int[0], 0);

    /** Pairs {@code start,end} (inclusive, unsigned), sorted, disjoint and non-adjacent. */
    private final int[] ranges;
    private final int rangeCount;
    private final long size;

    private UidSet(int[] ranges, int rangeCount) {
        this.ranges = ranges;
        this.rangeCount = rangeCount;
        long n = 0;
        for (int i = 0; i < rangeCount; i++) {
            n += u(ranges[2 * i + 1]) - u(ranges[2 * i]) + 1;
        }
        this.size = n;
    }

    /** @return the empty set */
    public static UidSet empty() {
        return EMPTY;
    }

    /**
     * @param uids UIDs in any order, duplicates allowed
     * @return the set of the given UIDs
     * @throws IllegalArgumentException if a value is outside {@code 1..MAX_UID}
     */
    public static UidSet of(long... uids) {
        Builder b = builder();
        for (long uid : uids) {
            b.add(uid);
        }
        return b.build();
    }

    /**
     * @param from first UID, inclusive
     * @param to last UID, inclusive; may be smaller than {@code from} (IMAP allows {@code 9:3})
     * @return the closed range
     */
    public static UidSet range(long from, long to) {
        return builder().addRange(from, to).build();
    }

    /** @return a builder; adding in ascending order is fastest */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses IMAP sequence-set syntax.
     *
     * @param text e.g. {@code 1:5,7,9:*}; {@code *} reads as {@link #MAX_UID}
     * @return the set
     * @throws IllegalArgumentException naming the offending text if it is not a sequence set
     */
    public static UidSet parse(CharSequence text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("Empty sequence set");
        }
        Builder b = builder();
        int i = 0;
        int n = text.length();
        while (i < n) {
            long[] first = readNumber(text, i);
            long lo = first[0];
            i = (int) first[1];
            long hi = lo;
            if (i < n && text.charAt(i) == ':') {
                long[] second = readNumber(text, i + 1);
                hi = second[0];
                i = (int) second[1];
            }
            b.addRange(lo, hi);
            if (i < n) {
                if (text.charAt(i) != ',' || i == n - 1) {
                    throw badSet(text);
                }
                i++;
            }
        }
        return b.build();
    }

    private static long[] readNumber(CharSequence text, int start) {
        int n = text.length();
        if (start < n && text.charAt(start) == '*') {
            return new long[] { MAX_UID, start + 1 };
        }
        long v = 0;
        int i = start;
        while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            v = v * 10 + (text.charAt(i) - '0');
            if (v > MAX_UID) {
                throw badSet(text);
            }
            i++;
        }
        if (i == start || v == 0) {
            throw badSet(text);
        }
        return new long[] { v, i };
    }

    private static IllegalArgumentException badSet(CharSequence text) {
        String shown = text.length() > 80 ? text.subSequence(0, 80) + "..." : text.toString();
        return new IllegalArgumentException("Not an IMAP sequence set: '" + shown + "'");
    }

    private static long u(int v) {
        return Integer.toUnsignedLong(v);
    }

    private static void check(long uid) {
        if (uid < 1 || uid > MAX_UID) {
            throw new IllegalArgumentException("UID out of range 1.." + MAX_UID + ": " + uid);
        }
    }

    /** @return the number of UIDs in the set */
    public long size() {
        return size;
    }

    /** @return true if the set holds no UID */
    public boolean isEmpty() {
        return rangeCount == 0;
    }

    /** @return the number of maximal ranges */
    public int rangeCount() {
        return rangeCount;
    }

    /** @param index range index, {@code 0..rangeCount()-1} @return the first UID of that range */
    public long rangeStart(int index) {
        return u(ranges[2 * rangeIndex(index)]);
    }

    /** @param index range index, {@code 0..rangeCount()-1} @return the last UID of that range */
    public long rangeEnd(int index) {
        return u(ranges[2 * rangeIndex(index) + 1]);
    }

    private int rangeIndex(int index) {
        if (index < 0 || index >= rangeCount) {
            throw new IndexOutOfBoundsException(index);
        }
        return index;
    }

    /** @return the smallest UID @throws NoSuchElementException if empty */
    public long first() {
        if (rangeCount == 0) {
            throw new NoSuchElementException("empty UidSet");
        }
        return u(ranges[0]);
    }

    /** @return the largest UID @throws NoSuchElementException if empty */
    public long last() {
        if (rangeCount == 0) {
            throw new NoSuchElementException("empty UidSet");
        }
        return u(ranges[2 * rangeCount - 1]);
    }

    /** @param uid a UID @return whether the set holds it (O(log ranges)) */
    public boolean contains(long uid) {
        int lo = 0;
        int hi = rangeCount - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (uid < u(ranges[2 * mid])) {
                hi = mid - 1;
            } else if (uid > u(ranges[2 * mid + 1])) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /**
     * @param k zero-based position in ascending order
     * @return the k-th smallest UID (O(ranges))
     */
    public long get(long k) {
        if (k < 0 || k >= size) {
            throw new IndexOutOfBoundsException(Long.toString(k));
        }
        long left = k;
        for (int i = 0; i < rangeCount; i++) {
            long len = u(ranges[2 * i + 1]) - u(ranges[2 * i]) + 1;
            if (left < len) {
                return u(ranges[2 * i]) + left;
            }
            left -= len;
        }
        throw new IllegalStateException();
    }

    /** @return the UIDs in both sets */
    public UidSet union(UidSet other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        Builder b = new Builder(rangeCount + other.rangeCount);
        int i = 0;
        int j = 0;
        while (i < rangeCount || j < other.rangeCount) {
            boolean takeMine = j >= other.rangeCount
                    || (i < rangeCount && u(ranges[2 * i]) <= u(other.ranges[2 * j]));
            if (takeMine) {
                b.addRange(u(ranges[2 * i]), u(ranges[2 * i + 1]));
                i++;
            } else {
                b.addRange(u(other.ranges[2 * j]), u(other.ranges[2 * j + 1]));
                j++;
            }
        }
        return b.build();
    }

    /** @return the UIDs of this set that are not in {@code other} */
    public UidSet minus(UidSet other) {
        if (other.isEmpty() || isEmpty()) {
            return this;
        }
        Builder b = new Builder(rangeCount + other.rangeCount);
        int j = 0;
        for (int i = 0; i < rangeCount; i++) {
            long s = u(ranges[2 * i]);
            long e = u(ranges[2 * i + 1]);
            while (j < other.rangeCount && u(other.ranges[2 * j + 1]) < s) {
                j++;
            }
            int k = j;
            while (s <= e && k < other.rangeCount && u(other.ranges[2 * k]) <= e) {
                long os = u(other.ranges[2 * k]);
                long oe = u(other.ranges[2 * k + 1]);
                if (os > s) {
                    b.addRange(s, os - 1);
                }
                s = Math.max(s, oe + 1);
                k++;
            }
            if (s <= e) {
                b.addRange(s, e);
            }
        }
        return b.build();
    }

    /** @return the UIDs in both this set and {@code other} */
    public UidSet intersect(UidSet other) {
        if (other.isEmpty() || isEmpty()) {
            return EMPTY;
        }
        Builder b = new Builder(Math.max(rangeCount, other.rangeCount));
        int i = 0;
        int j = 0;
        while (i < rangeCount && j < other.rangeCount) {
            long s = Math.max(u(ranges[2 * i]), u(other.ranges[2 * j]));
            long e = Math.min(u(ranges[2 * i + 1]), u(other.ranges[2 * j + 1]));
            if (s <= e) {
                b.addRange(s, e);
            }
            if (u(ranges[2 * i + 1]) < u(other.ranges[2 * j + 1])) {
                i++;
            } else {
                j++;
            }
        }
        return b.build();
    }

    /**
     * @param from the lowest UID to keep; values below 1 mean 1
     * @param to the highest UID to keep; values above {@link #MAX_UID} mean {@link #MAX_UID}
     * @return the UIDs of this set within {@code from..to} inclusive; empty if the interval holds no UID
     */
    public UidSet slice(long from, long to) {
        if (from > to || to < 1 || from > MAX_UID || isEmpty()) {
            return EMPTY;
        }
        return intersect(range(Math.max(1, from), Math.min(MAX_UID, to)));
    }

    /**
     * Splits the set into consecutive parts of at most {@code maxUids} UIDs each, in ascending order: the
     * windows of a bounded fetch.
     *
     * @param maxUids the most UIDs a part may hold, at least 1
     * @return the parts; empty for an empty set
     */
    public List<UidSet> split(long maxUids) {
        if (maxUids < 1) {
            throw new IllegalArgumentException("maxUids < 1");
        }
        List<UidSet> parts = new ArrayList<>();
        Builder b = builder();
        long inPart = 0;
        for (int i = 0; i < rangeCount; i++) {
            long s = u(ranges[2 * i]);
            long e = u(ranges[2 * i + 1]);
            while (s <= e) {
                long take = Math.min(e - s + 1, maxUids - inPart);
                b.addRange(s, s + take - 1);
                inPart += take;
                s += take;
                if (inPart == maxUids) {
                    parts.add(b.build());
                    b = builder();
                    inPart = 0;
                }
            }
        }
        if (inPart > 0) {
            parts.add(b.build());
        }
        return parts;
    }

    /**
     * Splits the set into parts of at most {@code maxRanges} ranges each, so that the printed form of a
     * part stays short enough for one command line.
     *
     * @param maxRanges the most ranges a part may hold, at least 1
     * @return the parts in ascending order
     */
    public List<UidSet> splitByRanges(int maxRanges) {
        if (maxRanges < 1) {
            throw new IllegalArgumentException("maxRanges < 1");
        }
        List<UidSet> parts = new ArrayList<>();
        for (int i = 0; i < rangeCount; i += maxRanges) {
            int n = Math.min(maxRanges, rangeCount - i);
            parts.add(new UidSet(Arrays.copyOfRange(ranges, 2 * i, 2 * (i + n)), n));
        }
        return parts;
    }

    /** Calls {@code action} for each UID in ascending order. */
    public void forEachUid(LongConsumer action) {
        for (int i = 0; i < rangeCount; i++) {
            long e = u(ranges[2 * i + 1]);
            for (long v = u(ranges[2 * i]); v <= e; v++) {
                action.accept(v);
            }
        }
    }

    @Override
    public PrimitiveIterator.OfLong iterator() {
        return new PrimitiveIterator.OfLong() {
            private int range;
            private long next = rangeCount > 0 ? u(ranges[0]) : 0;

            @Override
            public boolean hasNext() {
                return range < rangeCount;
            }

            @Override
            public long nextLong() {
                if (range >= rangeCount) {
                    throw new NoSuchElementException();
                }
                long v = next;
                if (v == u(ranges[2 * range + 1])) {
                    range++;
                    if (range < rangeCount) {
                        next = u(ranges[2 * range]);
                    }
                } else {
                    next = v + 1;
                }
                return v;
            }
        };
    }

    /** @return a new array of all UIDs in ascending order; only for small sets */
    public long[] toArray() {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("UidSet too large for an array: " + size);
        }
        long[] out = new long[(int) size];
        int[] pos = { 0 };
        forEachUid(v -> out[pos[0]++] = v);
        return out;
    }

    /**
     * @return canonical IMAP sequence-set syntax, {@link #MAX_UID} printed as {@code *}; the empty set
     *         prints as the empty string (not valid on the wire)
     */
    @Override
    public String toString() {
        return format(true);
    }

    /** @return canonical IMAP sequence-set syntax with every bound written as a number (never {@code *}) */
    public String toExplicitString() {
        return format(false);
    }

    private String format(boolean star) {
        StringBuilder sb = new StringBuilder(rangeCount * 12);
        for (int i = 0; i < rangeCount; i++) {
            if (i > 0) {
                sb.append(',');
            }
            long s = u(ranges[2 * i]);
            long e = u(ranges[2 * i + 1]);
            appendBound(sb, s, star);
            if (e != s) {
                sb.append(':');
                appendBound(sb, e, star);
            }
        }
        return sb.toString();
    }

    private static void appendBound(StringBuilder sb, long v, boolean star) {
        if (star && v == MAX_UID) {
            sb.append('*');
        } else {
            sb.append(v);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UidSet other && rangeCount == other.rangeCount
                && Arrays.equals(ranges, 0, 2 * rangeCount, other.ranges, 0, 2 * rangeCount);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < 2 * rangeCount; i++) {
            h = 31 * h + ranges[i];
        }
        return h;
    }

    /**
     * Collects UIDs into a {@link UidSet}. Appending in ascending order costs O(1) a UID; out-of-order
     * additions are sorted and merged by {@link #build()}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private int[] buf;
        private int count;
        private boolean sorted = true;

        private Builder() {
            this(4);
        }

        private Builder(int capacity) {
            buf = new int[Math.max(4, capacity * 2)];
        }

        /** @param uid a UID in {@code 1..MAX_UID} @return this */
        public Builder add(long uid) {
            return addRange(uid, uid);
        }

        /** @param from first UID @param to last UID (either order) @return this */
        public Builder addRange(long from, long to) {
            check(from);
            check(to);
            long s = Math.min(from, to);
            long e = Math.max(from, to);
            if (count > 0) {
                long lastStart = u(buf[2 * count - 2]);
                long lastEnd = u(buf[2 * count - 1]);
                if (s >= lastStart && s <= lastEnd + 1) {
                    if (e > lastEnd) {
                        buf[2 * count - 1] = (int) e;
                    }
                    return this;
                }
                if (s < lastStart) {
                    sorted = false;
                }
            }
            if (2 * count + 2 > buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[2 * count] = (int) s;
            buf[2 * count + 1] = (int) e;
            count++;
            return this;
        }

        /** @param set UIDs to add @return this */
        public Builder addAll(UidSet set) {
            for (int i = 0; i < set.rangeCount; i++) {
                addRange(u(set.ranges[2 * i]), u(set.ranges[2 * i + 1]));
            }
            return this;
        }

        /** @return whether nothing was added */
        public boolean isEmpty() {
            return count == 0;
        }

        /** @return the set of everything added; the builder may be reused afterwards */
        public UidSet build() {
            if (count == 0) {
                return EMPTY;
            }
            if (!sorted) {
                mergeUnsorted();
            }
            return new UidSet(Arrays.copyOf(buf, 2 * count), count);
        }

        private void mergeUnsorted() {
            // Pack start and end into one long and sort. Starts of 2^31 and above fill the sign bit, so the
            // sign bit is flipped to make the signed sort order the unsigned one.
            long[] packed = new long[count];
            for (int i = 0; i < count; i++) {
                packed[i] = ((u(buf[2 * i]) << 32) | u(buf[2 * i + 1])) ^ Long.MIN_VALUE;
            }
            Arrays.sort(packed);
            int out = 0;
            for (long flipped : packed) {
                long p = flipped ^ Long.MIN_VALUE;
                long s = p >>> 32;
                long e = p & MAX_UID;
                if (out > 0 && s <= u(buf[2 * out - 1]) + 1) {
                    if (e > u(buf[2 * out - 1])) {
                        buf[2 * out - 1] = (int) e;
                    }
                } else {
                    buf[2 * out] = (int) s;
                    buf[2 * out + 1] = (int) e;
                    out++;
                }
            }
            count = out;
            sorted = true;
        }
    }
}
