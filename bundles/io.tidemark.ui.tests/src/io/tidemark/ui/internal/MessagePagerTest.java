/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.tidemark.model.MailboxRef;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.MessageOrder;
import io.tidemark.store.api.MessageRecord;

/** The Messages view's page cache. */
class MessagePagerTest {

    private final MessagePager pager = new MessagePager(MailboxRef.of("pager", "INBOX"), MessageOrder.UID_DESC,
            MessagePager.PAGE * (MessagePager.MAX_PAGES + 5), UidSet.of(7));

    private static List<MessageRecord> page(int page) {
        List<MessageRecord> rows = new ArrayList<>();
        for (int i = 0; i < MessagePager.PAGE; i++) {
            rows.add(StoreMail.record(page * MessagePager.PAGE + i + 1L, new Random(i), Instant.EPOCH));
        }
        return rows;
    }

    @Test
    void aPageIsAskedForOnceUntilItArrivesAndRowsComeFromIt() {
        assertTrue(pager.request(3));
        assertFalse(pager.request(3), "already asked for");
        assertFalse(pager.request(-1));
        assertFalse(pager.request(MessagePager.MAX_PAGES + 5), "past the last row");
        assertNull(pager.get(3 * MessagePager.PAGE));
        assertTrue(pager.row(3 * MessagePager.PAGE + 1).isLoading());
        pager.put(3, page(3));
        assertEquals(3L * MessagePager.PAGE + 2, pager.get(3 * MessagePager.PAGE + 1).uid());
        assertFalse(pager.request(3), "loaded");
        assertEquals(3 * MessagePager.PAGE + 9, pager.indexOf(3L * MessagePager.PAGE + 10).getAsInt());
    }

    @Test
    void theOldestPagesAreDroppedBeyondTheBound() {
        for (int p = 0; p < MessagePager.MAX_PAGES + 5; p++) {
            pager.put(p, page(p));
        }
        assertEquals(MessagePager.MAX_PAGES, pager.loadedPages());
        assertFalse(pager.has(0));
        assertTrue(pager.request(0), "a dropped page can be asked for again");
        assertTrue(pager.has(MessagePager.MAX_PAGES + 4));
    }

    @Test
    void pendingChangesMarkTheirRows() {
        pager.put(0, page(0));
        assertTrue(pager.row(6).pending(), "UID 7 has a change waiting");
        assertFalse(pager.row(5).pending());
    }
}
