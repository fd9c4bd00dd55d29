/* SPDX-License-Identifier: EPL-2.0 */
package io.tidemark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * A mailbox-sized set stays compact: the retained size of a {@link UidSet} is its {@code int[]} of range
 * bounds, 8 bytes a range, which {@link UidSet#rangeCount()} measures without timing anything.
 */
class UidSetScaleTest {

    private static final int MESSAGES = 1_000_000;
    /** Four megabytes: the most a million UIDs with typical holes may take. */
    private static final long BUDGET_BYTES = 4L * 1024 * 1024;

    @Test
    void aMillionUidsWithTenPercentHolesStaySmall() {
        Random random = new Random(42);
        UidSet.Builder b = UidSet.builder();
        long uid = 0;
        long added = 0;
        long[] holes = new long[1000];
        int holeCount = 0;
        while (added < MESSAGES) {
            uid++;
            if (random.nextInt(10) == 0) {
                if (holeCount < holes.length) {
                    holes[holeCount++] = uid;
                }
                continue;
            }
            b.add(uid);
            added++;
        }
        UidSet set = b.build();
        assertEquals(MESSAGES, set.size());
        long retained = 8L * set.rangeCount();
        System.out.printf("UidSet of %,d UIDs with 10%% holes: %,d ranges, %,d bytes of ranges%n", set.size(),
                set.rangeCount(), retained);
        assertTrue(retained <= BUDGET_BYTES, "ranges take " + retained + " bytes");
        for (int i = 0; i < holeCount; i++) {
            assertFalse(set.contains(holes[i]), "hole " + holes[i]);
        }
        assertEquals(uid, set.last());
        assertEquals(set, UidSet.parse(set.toString()));
        List<UidSet> windows = set.split(1000);
        assertEquals(MESSAGES / 1000, windows.size());
    }

    @Test
    void aContiguousMillionIsOneRange() {
        UidSet.Builder b = UidSet.builder();
        for (long uid = 1; uid <= MESSAGES; uid++) {
            b.add(uid);
        }
        UidSet set = b.build();
        assertEquals(1, set.rangeCount());
        assertEquals("1:1000000", set.toString());
    }

    @Test
    void buildingOutOfOrderGivesTheSameCompactSet() {
        Random random = new Random(7);
        UidSet.Builder ascending = UidSet.builder();
        UidSet.Builder descending = UidSet.builder();
        boolean[] keep = new boolean[200_001];
        for (int uid = 1; uid < keep.length; uid++) {
            keep[uid] = random.nextInt(10) != 0;
            if (keep[uid]) {
                ascending.add(uid);
            }
        }
        for (int uid = keep.length - 1; uid >= 1; uid--) {
            if (keep[uid]) {
                descending.add(uid);
            }
        }
        UidSet a = ascending.build();
        UidSet d = descending.build();
        assertEquals(a, d);
        assertEquals(a.rangeCount(), d.rangeCount());
    }
}
