/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.tidemark.model.UidSet;

class VanishedTest {

    @Test
    void earlierRangesAreReadAsOneSet() {
        Vanished v = Vanished.of(WireResponse.of("* VANISHED (EARLIER) 300:310,405,411,1:3"));
        assertTrue(v.earlier());
        assertEquals(UidSet.parse("1:3,300:310,405,411"), v.uids());
        assertEquals(16, v.uids().size());
    }

    @Test
    void aLiveExpungeHasNoEarlierTag() {
        Vanished v = Vanished.of(WireResponse.of("* VANISHED 405"));
        assertFalse(v.earlier());
        assertEquals(UidSet.of(405), v.uids());
    }

    @Test
    void descendingRangesAndTheTopUidAreAccepted() {
        assertEquals(UidSet.range(4294967290L, 4294967295L),
                Vanished.of(WireResponse.of("* VANISHED 4294967295:4294967290")).uids());
    }

    @Test
    void anOpenEndIsRefused() {
        assertThrows(ResponseFormatException.class, () -> Vanished.of(WireResponse.of("* VANISHED 1:*")));
    }

    @Test
    void malformedResponsesAreRefused() {
        assertThrows(ResponseFormatException.class, () -> Vanished.of(WireResponse.of("* VANISHED (LATER) 1")));
        assertThrows(ResponseFormatException.class, () -> Vanished.of(WireResponse.of("* VANISHED")));
        assertThrows(ResponseFormatException.class, () -> Vanished.of(WireResponse.of("* VANISHED 0:4")));
        assertThrows(ResponseFormatException.class, () -> Vanished.of(WireResponse.of("* VANISHED 4 junk")));
        assertThrows(ResponseFormatException.class, () -> Vanished.of(WireResponse.of("* VANISHED (EARLIER 4")));
    }
}
