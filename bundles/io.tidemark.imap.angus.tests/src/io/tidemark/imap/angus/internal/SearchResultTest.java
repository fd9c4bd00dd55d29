/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.tidemark.model.UidSet;

class SearchResultTest {

    @Test
    void esearchAllIsACompactSet() {
        SearchResult r = SearchResult.esearch(WireResponse.of("* ESEARCH (TAG \"t12\") UID ALL 3:5,9,20:4000"));
        assertEquals("t12", r.tag());
        assertEquals(UidSet.parse("3:5,9,20:4000"), r.uids());
    }

    @Test
    void esearchWithoutMatchesHasNoAll() {
        SearchResult r = SearchResult.esearch(WireResponse.of("* ESEARCH (TAG \"t1\") UID"));
        assertTrue(r.uids().isEmpty());
    }

    @Test
    void otherReturnDataIsSkipped() {
        SearchResult r = SearchResult.esearch(WireResponse.of("* ESEARCH UID COUNT 3 MIN 2 ALL 2,4:5 MODSEQ 917162500"));
        assertNull(r.tag());
        assertEquals(UidSet.parse("2,4:5"), r.uids());
    }

    @Test
    void classicSearchListsNumbersAndMaySayModseq() {
        assertEquals(UidSet.parse("2:3,6"), SearchResult.search(WireResponse.of("* SEARCH 6 2 3")).uids());
        assertEquals(UidSet.of(5), SearchResult.search(WireResponse.of("* SEARCH 5 (MODSEQ 917162500)")).uids());
        assertTrue(SearchResult.search(WireResponse.of("* SEARCH")).uids().isEmpty());
    }

    @Test
    void malformedSearchIsRefused() {
        assertThrows(ResponseFormatException.class, () -> SearchResult.search(WireResponse.of("* SEARCH 1 x")));
        assertThrows(ResponseFormatException.class, () -> SearchResult.search(WireResponse.of("* SEARCH 0")));
        assertThrows(ResponseFormatException.class,
                () -> SearchResult.esearch(WireResponse.of("* ESEARCH (TAG \"a\" UID ALL 1")));
    }
}
