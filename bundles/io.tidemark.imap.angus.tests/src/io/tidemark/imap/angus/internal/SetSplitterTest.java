/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.tidemark.model.UidSet;

class SetSplitterTest {

    @Test
    void aSetThatFitsStaysWholeHoweverManyUidsItHolds() {
        UidSet million = UidSet.range(1, 1_000_000);
        assertEquals(List.of(million), SetSplitter.split(million, 100));
    }

    @Test
    void partsStayWithinTheBudgetAndTogetherAreTheSet() {
        UidSet.Builder b = UidSet.builder();
        for (long u = 1_000_000; u < 1_200_000; u += 3) {
            b.add(u);
        }
        UidSet set = b.build();
        List<UidSet> parts = SetSplitter.split(set, 7000);
        assertTrue(parts.size() > 1);
        UidSet union = UidSet.empty();
        long last = 0;
        for (UidSet p : parts) {
            assertTrue(p.toExplicitString().length() <= 7000, p.toExplicitString().length() + " characters");
            assertTrue(p.first() > last, "ascending, disjoint");
            last = p.last();
            union = union.union(p);
        }
        assertEquals(set, union);
    }

    @Test
    void theTopUidIsWrittenAsANumber() {
        UidSet s = UidSet.range(5, UidSet.MAX_UID);
        assertEquals("5:4294967295", SetSplitter.split(s, 100).get(0).toExplicitString());
    }
}
