/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.MailStore;
import io.tidemark.store.api.MailboxCounts;
import io.tidemark.store.api.MailboxDelta;
import io.tidemark.store.api.StoreDelta;
import io.tidemark.sync.api.SyncTopics;

/**
 * The views follow the store through EventAdmin, coalesced: a change shows without anyone asking, and a
 * burst of events costs a few loads, not one each.
 */
class RefreshTest {

    private static final AtomicInteger IDS = new AtomicInteger();
    private static MailStore store;
    private static MessagesView messages;
    private static MailboxesView mailboxes;
    private AccountConfig account;
    private MailboxRef inbox;

    @BeforeAll
    static void views() throws Exception {
        Services.secrets();
        store = Services.store();
        Prefs.quiet();
        Ui.openPerspective();
        mailboxes = Ui.view(MailboxesView.ID);
        messages = Ui.view(MessagesView.ID);
    }

    @BeforeEach
    void replica() throws Exception {
        account = StoreMail.account("refresh-" + IDS.incrementAndGet());
        inbox = StoreMail.fill(store, account, "INBOX", 50);
        messages.setOrder(io.tidemark.store.api.MessageOrder.DATE_DESC);
        messages.show(inbox);
        Ui.waitUntil(() -> "INBOX shown: " + messages.sightReport(), () -> messages.pager() != null
                && messages.pager().mailbox().equals(inbox) && messages.rowsInSightFilled());
        idle();
    }

    @AfterEach
    void remove() throws Exception {
        StoreMail.remove(store, account.id());
    }

    private static void idle() {
        Ui.waitUntil("the views are idle", () -> !messages.refresher().busy() && !mailboxes.refresher().busy());
        Ui.pump();
    }

    @Test
    void aStoreChangeShowsInBothViewsWithoutAnyoneAsking() throws Exception {
        store.write(tx -> {
            tx.putMessages(inbox, List.of(StoreMail.record(51, new Random(1), Instant.parse("2025-01-01T08:00:00Z"))));
            return null;
        });
        Ui.waitUntil("the Messages view shows the new message first", () -> messages.viewer().getTable().getItemCount() == 51
                && messages.rowsInSightFilled() && messages.viewer().getTable().getItem(0).getText(3).endsWith("#51"));
        Ui.waitUntil("the Mailboxes view counts it", () -> mailboxes.accounts().stream()
                .filter(a -> a.id().equals(account.id())).flatMap(a -> a.children().stream())
                .anyMatch(f -> f.ref().equals(inbox) && new MailboxCounts(51, 10).equals(f.counts())));
    }

    @Test
    void aBurstOfStoreEventsIsCoalescedIntoAFewLoads() {
        EventAdmin events = Services.eventAdmin();
        int messageLoads = messages.refresher().loads();
        int mailboxLoads = mailboxes.refresher().loads();
        int burst = 500;
        long t0 = System.nanoTime();
        for (int i = 0; i < burst; i++) {
            events.postEvent(changed(inbox, i + 1));
        }
        long postMs = (System.nanoTime() - t0) / 1_000_000;
        Ui.waitUntil("a load ran", () -> messages.refresher().loads() > messageLoads);
        Ui.pump(3 * RefreshThrottle.DELAY_MS);
        idle();
        int m = messages.refresher().loads() - messageLoads;
        int b = mailboxes.refresher().loads() - mailboxLoads;
        System.out.printf("[refresh] %d store events posted in %d ms -> Messages view loaded %d times, "
                + "Mailboxes view %d times%n", burst, postMs, m, b);
        assertTrue(m >= 1 && m <= 5, "Messages view loads for " + burst + " events: " + m);
        assertTrue(b >= 1 && b <= 5, "Mailboxes view loads for " + burst + " events: " + b);
    }

    @Test
    void eventsOfAnotherMailboxDoNotReloadTheMessagesView() {
        EventAdmin events = Services.eventAdmin();
        int before = messages.refresher().loads();
        MailboxRef elsewhere = new MailboxRef(account.id(), io.tidemark.model.MailboxName.of("Elsewhere"));
        for (int i = 0; i < 50; i++) {
            events.postEvent(changed(elsewhere, i + 1));
        }
        Ui.pump(3 * RefreshThrottle.DELAY_MS);
        idle();
        assertEquals(before, messages.refresher().loads());
    }

    private Event changed(MailboxRef ref, long uid) {
        StoreDelta delta = new StoreDelta(Set.of(), List.of(new MailboxDelta(ref, MailboxDelta.Kind.CHANGED, null,
                null, UidSet.of(uid), null, false)), false);
        return new Event(SyncTopics.STORE_CHANGED, Map.of(SyncTopics.ACCOUNT, ref.account().value(),
                SyncTopics.DELTA, delta));
    }
}
