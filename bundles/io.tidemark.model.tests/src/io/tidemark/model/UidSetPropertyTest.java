/* SPDX-License-Identifier: EPL-2.0 */
package io.tidemark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * Checks {@link UidSet} against a {@link TreeSet} oracle on random sets. The seed is fixed, so a failure
 * reproduces; the message of each assertion names the iteration and the sets involved.
 */
class UidSetPropertyTest {

    private static final long SEED = 0x7_1DE_3A2CL;
    private static final int ROUNDS = 1500;
    private static final long SMALL = 300;
    private static final long MAX = UidSet.MAX_UID;

    private final Random random = new Random(SEED);

    private record Sample(UidSet set, TreeSet<Long> oracle) {
    }

    /** Random UIDs, mostly small with runs and holes, sometimes next to {@link UidSet#MAX_UID}; added out of order. */
    private Sample sample() {
        TreeSet<Long> oracle = new TreeSet<>();
        List<long[]> ranges = new ArrayList<>();
        int pieces = random.nextInt(12);
        for (int i = 0; i < pieces; i++) {
            long a;
            long b;
            if (random.nextInt(8) == 0) {
                a = MAX - random.nextInt(40);
                b = MAX - random.nextInt(40);
            } else {
                a = 1 + random.nextInt((int) SMALL);
                b = random.nextBoolean() ? a : Math.max(1, Math.min(SMALL + 20, a + random.nextInt(40) - 10));
            }
            ranges.add(new long[] { a, b });
        }
        Collections.shuffle(ranges, random);
        UidSet.Builder builder = UidSet.builder();
        for (long[] r : ranges) {
            if (r[0] == r[1] && random.nextBoolean()) {
                builder.add(r[0]);
            } else {
                builder.addRange(r[0], r[1]);
            }
            for (long v = Math.min(r[0], r[1]); v <= Math.max(r[0], r[1]); v++) {
                oracle.add(v);
            }
        }
        return new Sample(builder.build(), oracle);
    }

    private static UidSet fromOracle(NavigableSet<Long> oracle) {
        UidSet.Builder b = UidSet.builder();
        for (long v : oracle) {
            b.add(v);
        }
        return b.build();
    }

    private static List<Long> list(UidSet s) {
        List<Long> out = new ArrayList<>();
        s.forEachUid(out::add);
        return out;
    }

    private static int runs(NavigableSet<Long> oracle) {
        int runs = 0;
        long prev = -2;
        for (long v : oracle) {
            if (v != prev + 1) {
                runs++;
            }
            prev = v;
        }
        return runs;
    }

    private static void assertMatches(String what, NavigableSet<Long> oracle, UidSet actual) {
        assertEquals(new ArrayList<>(oracle), list(actual), what);
        assertEquals(oracle.size(), actual.size(), what + ": size");
        assertEquals(runs(oracle), actual.rangeCount(), what + ": rangeCount");
        assertEquals(oracle.isEmpty(), actual.isEmpty(), what + ": isEmpty");
        assertEquals(fromOracle(oracle), actual, what + ": equals");
        assertEquals(fromOracle(oracle).hashCode(), actual.hashCode(), what + ": hashCode");
    }

    @Test
    void behavesLikeATreeSetOnRandomSets() {
        for (int round = 0; round < ROUNDS; round++) {
            Sample a = sample();
            Sample b = sample();
            String at = "round " + round + " a=" + a.set() + " b=" + b.set();

            assertMatches(at + " build", a.oracle(), a.set());
            assertMatches(at + " reparse", a.oracle(),
                    a.set().isEmpty() ? UidSet.empty() : UidSet.parse(a.set().toString()));
            if (!a.set().isEmpty()) {
                assertEquals(a.set(), UidSet.parse(a.set().toExplicitString()), at);
                assertEquals(a.oracle().first(), a.set().first(), at);
                assertEquals(a.oracle().last(), a.set().last(), at);
            }

            TreeSet<Long> union = new TreeSet<>(a.oracle());
            union.addAll(b.oracle());
            assertMatches(at + " union", union, a.set().union(b.set()));

            TreeSet<Long> minus = new TreeSet<>(a.oracle());
            minus.removeAll(b.oracle());
            assertMatches(at + " minus", minus, a.set().minus(b.set()));

            TreeSet<Long> intersect = new TreeSet<>(a.oracle());
            intersect.retainAll(b.oracle());
            assertMatches(at + " intersect", intersect, a.set().intersect(b.set()));

            long lo = random.nextInt((int) SMALL + 20) - 10;
            long hi = random.nextBoolean() ? lo + random.nextInt(150) : MAX - random.nextInt(20);
            TreeSet<Long> slice = lo > hi ? new TreeSet<>() : new TreeSet<>(a.oracle().subSet(lo, true, hi, true));
            assertMatches(at + " slice " + lo + ".." + hi, slice, a.set().slice(lo, hi));

            checkMembership(at, a);
            checkSplit(at, a);
            checkSplitByRanges(at, a);
        }
    }

    private void checkMembership(String at, Sample a) {
        for (long v = 0; v <= SMALL + 25; v++) {
            assertEquals(a.oracle().contains(v), a.set().contains(v), at + " contains " + v);
        }
        for (long v = MAX - 45; v <= MAX; v++) {
            assertEquals(a.oracle().contains(v), a.set().contains(v), at + " contains " + v);
        }
        long k = 0;
        for (long v : a.oracle()) {
            assertEquals(v, a.set().get(k++), at + " get");
        }
        long[] expected = a.oracle().stream().mapToLong(Long::longValue).toArray();
        assertArrayEquals(expected, a.set().toArray(), at + " toArray");
        List<Long> iterated = new ArrayList<>();
        a.set().forEach(iterated::add);
        assertEquals(new ArrayList<>(a.oracle()), iterated, at + " iterator");
    }

    private void checkSplit(String at, Sample a) {
        int n = 1 + random.nextInt(30);
        List<UidSet> parts = a.set().split(n);
        TreeSet<Long> rebuilt = new TreeSet<>();
        long previousLast = 0;
        for (int i = 0; i < parts.size(); i++) {
            UidSet p = parts.get(i);
            assertTrue(!p.isEmpty(), at + " split part empty");
            assertTrue(i == parts.size() - 1 ? p.size() <= n : p.size() == n, at + " split(" + n + ") sizes");
            assertTrue(p.first() > previousLast, at + " split order");
            previousLast = p.last();
            p.forEachUid(rebuilt::add);
        }
        assertEquals(a.oracle(), rebuilt, at + " split(" + n + ") covers the set");
    }

    private void checkSplitByRanges(String at, Sample a) {
        int n = 1 + random.nextInt(4);
        List<UidSet> parts = a.set().splitByRanges(n);
        TreeSet<Long> rebuilt = new TreeSet<>();
        long previousLast = -1;
        for (UidSet p : parts) {
            assertTrue(p.rangeCount() >= 1 && p.rangeCount() <= n, at + " splitByRanges(" + n + ")");
            assertTrue(p.first() > previousLast + 1, at + " splitByRanges keeps ranges whole");
            previousLast = p.last();
            p.forEachUid(rebuilt::add);
        }
        assertEquals(a.oracle(), rebuilt, at + " splitByRanges(" + n + ") covers the set");
        assertEquals((a.set().rangeCount() + n - 1) / n, parts.size(), at + " splitByRanges part count");
    }
}
