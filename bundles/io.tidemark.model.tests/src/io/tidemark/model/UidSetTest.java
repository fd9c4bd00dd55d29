/* SPDX-License-Identifier: EPL-2.0 */
package io.tidemark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UidSetTest {

    private static final long MAX = UidSet.MAX_UID;

    @Test
    void parsesRangesSinglesAndStar() {
        UidSet s = UidSet.parse("1:5,7,9:*");
        assertEquals(3, s.rangeCount());
        assertEquals(1, s.rangeStart(0));
        assertEquals(5, s.rangeEnd(0));
        assertEquals(7, s.rangeStart(1));
        assertEquals(7, s.rangeEnd(1));
        assertEquals(9, s.rangeStart(2));
        assertEquals(MAX, s.rangeEnd(2));
        assertEquals(5 + 1 + (MAX - 9 + 1), s.size());
        assertEquals("1:5,7,9:*", s.toString());
        assertEquals("1:5,7,9:4294967295", s.toExplicitString());
    }

    @Test
    void reversedRangeMeansTheSameRange() {
        assertEquals(UidSet.range(3, 9), UidSet.parse("9:3"));
        assertEquals("3:9", UidSet.parse("9:3").toString());
        assertEquals(UidSet.range(3, 9), UidSet.range(9, 3));
        assertEquals(UidSet.parse("5:*"), UidSet.parse("*:5"));
    }

    @Test
    void overlappingAndAdjacentRangesAreMergedToTheCanonicalForm() {
        UidSet s = UidSet.parse("5:10,1:3,4,8:12,20,19,21");
        assertEquals("1:12,19:21", s.toString());
        assertEquals(2, s.rangeCount());
        assertEquals(15, s.size());
        assertEquals(UidSet.parse("1:12,19:21"), s);
    }

    @Test
    void duplicatesCountOnce() {
        UidSet s = UidSet.parse("7,7,7:7,7");
        assertEquals(1, s.size());
        assertEquals("7", s.toString());
    }

    @Test
    void parsesTheLargestUidAndStarAsTheSameValue() {
        assertEquals(UidSet.of(MAX), UidSet.parse("4294967295"));
        assertEquals(UidSet.of(MAX), UidSet.parse("*"));
        assertEquals("*", UidSet.of(MAX).toString());
        assertEquals("4294967295", UidSet.of(MAX).toExplicitString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "0:5", "1:0", "4294967296", "99999999999999999999", "1,", ",1", "1,,2", "1::2",
            "1:2:3", "a", "1:a", " 1", "1 ", "1, 2", "-1", "+1", "1;2", "**", "1:*:", ":", ":5", "1.5", "(1)" })
    void rejectsMalformedSequenceSetsNamingTheText(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UidSet.parse(text));
        assertTrue(e.getMessage().contains(text.trim().isEmpty() ? "'" : text.trim()), e.getMessage());
    }

    @Test
    void rejectsEmptyAndNullText() {
        assertThrows(IllegalArgumentException.class, () -> UidSet.parse(""));
        assertThrows(IllegalArgumentException.class, () -> UidSet.parse(null));
    }

    @Test
    void shortensVeryLongMalformedTextInTheMessage() {
        String text = "1,".repeat(200) + "x";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UidSet.parse(text));
        assertTrue(e.getMessage().length() < 150, e.getMessage());
        assertTrue(e.getMessage().endsWith("...'"), e.getMessage());
    }

    @Test
    void rejectsUidsOutOfRangeWhenBuilding() {
        assertThrows(IllegalArgumentException.class, () -> UidSet.of(0));
        assertThrows(IllegalArgumentException.class, () -> UidSet.of(-3));
        assertThrows(IllegalArgumentException.class, () -> UidSet.of(MAX + 1));
        assertThrows(IllegalArgumentException.class, () -> UidSet.range(0, 5));
        assertThrows(IllegalArgumentException.class, () -> UidSet.builder().addRange(1, MAX + 1));
    }

    @Test
    void emptySetIsEmptyEverywhere() {
        UidSet e = UidSet.empty();
        assertTrue(e.isEmpty());
        assertEquals(0, e.size());
        assertEquals(0, e.rangeCount());
        assertEquals("", e.toString());
        assertFalse(e.contains(1));
        assertFalse(e.iterator().hasNext());
        assertEquals(List.of(), e.split(10));
        assertEquals(List.of(), e.splitByRanges(10));
        assertArrayEquals(new long[0], e.toArray());
        assertThrows(NoSuchElementException.class, e::first);
        assertThrows(NoSuchElementException.class, e::last);
        assertThrows(IndexOutOfBoundsException.class, () -> e.get(0));
        assertSame(UidSet.empty(), UidSet.of());
        assertSame(UidSet.empty(), UidSet.builder().build());
    }

    @Test
    void firstLastAndRangeAccessors() {
        UidSet s = UidSet.parse("4:6,10,15:17");
        assertEquals(4, s.first());
        assertEquals(17, s.last());
        assertEquals(10, s.rangeStart(1));
        assertEquals(10, s.rangeEnd(1));
        assertThrows(IndexOutOfBoundsException.class, () -> s.rangeStart(3));
        assertThrows(IndexOutOfBoundsException.class, () -> s.rangeEnd(-1));
    }

    @Test
    void containsChecksEveryRangeBoundary() {
        UidSet s = UidSet.parse("4:6,10,15:17,4294967290:*");
        long[] in = { 4, 5, 6, 10, 15, 16, 17, 4294967290L, MAX };
        long[] out = { 0, 1, 3, 7, 9, 11, 14, 18, 4294967289L, -1, MAX + 1 };
        for (long v : in) {
            assertTrue(s.contains(v), Long.toString(v));
        }
        for (long v : out) {
            assertFalse(s.contains(v), Long.toString(v));
        }
    }

    @Test
    void getReturnsTheKthSmallestUid() {
        UidSet s = UidSet.parse("4:6,10,15:17");
        long[] expected = { 4, 5, 6, 10, 15, 16, 17 };
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], s.get(k));
        }
        assertThrows(IndexOutOfBoundsException.class, () -> s.get(7));
        assertThrows(IndexOutOfBoundsException.class, () -> s.get(-1));
    }

    @Test
    void iteratorVisitsEveryUidInAscendingOrder() {
        UidSet s = UidSet.parse("4:6,10,15:17");
        List<Long> seen = new ArrayList<>();
        for (Long v : s) {
            seen.add(v);
        }
        assertEquals(List.of(4L, 5L, 6L, 10L, 15L, 16L, 17L), seen);
        PrimitiveIterator.OfLong it = s.iterator();
        for (int i = 0; i < 7; i++) {
            it.nextLong();
        }
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::nextLong);
    }

    @Test
    void iteratorAndForEachReachTheLargestUid() {
        UidSet s = UidSet.range(MAX - 2, MAX);
        assertArrayEquals(new long[] { MAX - 2, MAX - 1, MAX }, s.toArray());
        List<Long> seen = new ArrayList<>();
        s.iterator().forEachRemaining((Long v) -> seen.add(v));
        assertEquals(List.of(MAX - 2, MAX - 1, MAX), seen);
    }

    @Test
    void unionMergesOverlappingAndAdjacentRanges() {
        UidSet a = UidSet.parse("1:3,10:12,20");
        UidSet b = UidSet.parse("4:5,11:15,30");
        assertEquals("1:5,10:15,20,30", a.union(b).toString());
        assertEquals(a.union(b), b.union(a));
        assertSame(a, a.union(UidSet.empty()));
        assertSame(a, UidSet.empty().union(a));
    }

    @Test
    void minusCutsHolesAndEnds() {
        UidSet a = UidSet.parse("1:20,30:40");
        assertEquals("1:4,8:20,30:40", a.minus(UidSet.parse("5:7")).toString());
        assertEquals("2:19,31:39", a.minus(UidSet.parse("1,20,30,40")).toString());
        assertEquals("1:9,36:40", a.minus(UidSet.parse("10:35")).toString());
        assertEquals("", a.minus(UidSet.parse("1:100")).toString());
        assertEquals(a, a.minus(UidSet.parse("21:29,41:*")));
        assertEquals("1:2,4,6,8:20,30:40", a.minus(UidSet.parse("3,5,7")).toString());
        assertSame(a, a.minus(UidSet.empty()));
        assertSame(UidSet.empty(), UidSet.empty().minus(a));
    }

    @Test
    void minusOfManySmallHolesInOneRange() {
        UidSet a = UidSet.range(1, 10);
        assertEquals("1,3,5,7,9", a.minus(UidSet.parse("2,4,6,8,10")).toString());
    }

    @Test
    void intersectKeepsOnlyCommonUids() {
        UidSet a = UidSet.parse("1:10,20:30,40");
        UidSet b = UidSet.parse("5:25,28,35:*");
        assertEquals("5:10,20:25,28,40", a.intersect(b).toString());
        assertEquals(a.intersect(b), b.intersect(a));
        assertTrue(a.intersect(UidSet.parse("11:19")).isEmpty());
        assertTrue(a.intersect(UidSet.empty()).isEmpty());
    }

    @Test
    void sliceClipsToTheClosedInterval() {
        UidSet a = UidSet.parse("1:10,20:30,40");
        assertEquals("5:10,20:22", a.slice(5, 22).toString());
        assertEquals("40", a.slice(31, MAX).toString());
        assertEquals(a, a.slice(0, Long.MAX_VALUE));
        assertTrue(a.slice(11, 19).isEmpty());
        assertTrue(a.slice(22, 5).isEmpty());
    }

    @Test
    void sliceOutsideTheUidRangeIsEmptyNotAnError() {
        UidSet a = UidSet.parse("1:10");
        assertTrue(a.slice(-5, 0).isEmpty());
        assertTrue(a.slice(0, 0).isEmpty());
        assertTrue(a.slice(MAX + 1, MAX + 10).isEmpty());
        assertEquals("1", a.slice(-5, 1).toString());
    }

    @Test
    void splitMakesConsecutiveWindowsOfAtMostNUids() {
        UidSet a = UidSet.parse("1:5,10:12,20");
        List<UidSet> parts = a.split(4);
        assertEquals(List.of(UidSet.parse("1:4"), UidSet.parse("5,10:12"), UidSet.parse("20")), parts);
        assertEquals(List.of(a), a.split(100));
        assertEquals(9, a.split(1).size());
        UidSet back = UidSet.empty();
        for (UidSet p : a.split(3)) {
            assertTrue(p.size() <= 3);
            assertTrue(back.isEmpty() || p.first() > back.last());
            back = back.union(p);
        }
        assertEquals(a, back);
        assertThrows(IllegalArgumentException.class, () -> a.split(0));
    }

    @Test
    void splitOfAHugeRangeDoesNotEnumerateIt() {
        List<UidSet> parts = UidSet.parse("1:*").split(1L << 31);
        assertEquals(2, parts.size());
        assertEquals(1L << 31, parts.get(0).size());
        assertEquals(MAX - (1L << 31), parts.get(1).size());
    }

    @Test
    void splitByRangesKeepsAtMostNRangesPerPart() {
        UidSet a = UidSet.parse("1,3,5:6,8,10:20");
        List<UidSet> parts = a.splitByRanges(2);
        assertEquals(List.of(UidSet.parse("1,3"), UidSet.parse("5:6,8"), UidSet.parse("10:20")), parts);
        assertEquals(List.of(a), a.splitByRanges(5));
        assertThrows(IllegalArgumentException.class, () -> a.splitByRanges(0));
    }

    @Test
    void builderAcceptsOutOfOrderAndOverlappingAdds() {
        UidSet.Builder b = UidSet.builder();
        b.add(50).add(3).addRange(10, 7).add(1).add(2).addRange(45, 49).add(6).add(100).add(3);
        UidSet s = b.build();
        assertEquals("1:3,6:10,45:50,100", s.toString());
        assertFalse(b.isEmpty());
        b.add(4).add(5);
        assertEquals("1:10,45:50,100", b.build().toString());
        assertEquals("1:3,6:10,45:50,100", s.toString(), "an earlier build is not changed by later adds");
    }

    @Test
    void builderMergesInAscendingOrder() {
        UidSet.Builder b = UidSet.builder();
        for (long v = 1; v <= 1000; v++) {
            if (v % 100 != 0) {
                b.add(v);
            }
        }
        UidSet s = b.build();
        assertEquals(10, s.rangeCount());
        assertEquals(990, s.size());
    }

    @Test
    void builderAddAllAndIsEmpty() {
        UidSet.Builder b = UidSet.builder();
        assertTrue(b.isEmpty());
        b.addAll(UidSet.parse("5:9")).addAll(UidSet.parse("1:2,7:12"));
        assertEquals("1:2,5:12", b.build().toString());
    }

    @Test
    void equalityAndHashFollowTheUids() {
        UidSet a = UidSet.parse("1:3,5");
        UidSet b = UidSet.of(5, 3, 2, 1);
        UidSet c = UidSet.parse("1:3,6");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, c);
        assertNotEquals(a, UidSet.parse("1:5"));
        assertNotEquals(a, "1:3,5");
        assertEquals(UidSet.parse("1:3").union(UidSet.of(5)), a);
        assertEquals(a, UidSet.parse("1:10").minus(UidSet.parse("4,6:10")));
    }

    @ParameterizedTest
    @CsvSource({ "1", "1:2", "1:5,7,9:*", "3,5,7,9", "4294967294:*", "1:*" })
    void printedFormParsesBackToTheSameSet(String text) {
        UidSet s = UidSet.parse(text);
        assertEquals(s, UidSet.parse(s.toString()));
        assertEquals(s, UidSet.parse(s.toExplicitString()));
    }

    @Test
    void toArrayListsAllUids() {
        assertArrayEquals(new long[] { 2, 3, 4, 8 }, UidSet.parse("8,2:4").toArray());
    }

    @Test
    void forEachUidVisitsInOrder() {
        List<Long> seen = new ArrayList<>();
        UidSet.parse("9,1:2").forEachUid(seen::add);
        assertEquals(List.of(1L, 2L, 9L), seen);
    }
}
