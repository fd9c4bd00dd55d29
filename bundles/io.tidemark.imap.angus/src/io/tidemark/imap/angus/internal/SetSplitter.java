/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import java.util.ArrayList;
import java.util.List;

import io.tidemark.model.UidSet;

/**
 * Splits a set whose explicit text ({@link UidSet#toExplicitString()}) would make a command line too long
 * into consecutive parts, each short enough for one command. A set with few ranges stays one part however
 * many UIDs it holds: the callers' windows, not this class, bound the work per command.
 */
final class SetSplitter {

    private SetSplitter() {
    }

    /**
     * @param set the set, not empty
     * @param budget the most characters the set's text may take in one command, at least 22
     * @return the parts in ascending order; one part if the whole set fits
     */
    static List<UidSet> split(UidSet set, int budget) {
        if (budget < 22) {
            throw new IllegalArgumentException("budget too small: " + budget);
        }
        List<UidSet> parts = new ArrayList<>();
        UidSet.Builder b = UidSet.builder();
        int used = 0;
        for (int i = 0; i < set.rangeCount(); i++) {
            long s = set.rangeStart(i);
            long e = set.rangeEnd(i);
            int len = digits(s) + (s == e ? 0 : 1 + digits(e)) + (used == 0 ? 0 : 1);
            if (used > 0 && used + len > budget) {
                parts.add(b.build());
                b = UidSet.builder();
                used = 0;
                len -= 1;
            }
            b.addRange(s, e);
            used += len;
        }
        if (used > 0) {
            parts.add(b.build());
        }
        return parts;
    }

    private static int digits(long v) {
        int n = 1;
        while (v >= 10) {
            v /= 10;
            n++;
        }
        return n;
    }
}
