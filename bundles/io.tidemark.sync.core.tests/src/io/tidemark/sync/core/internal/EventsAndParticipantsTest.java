/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import io.tidemark.model.MailboxRef;
import io.tidemark.store.api.MailboxDelta;
import io.tidemark.store.api.StoreDelta;
import io.tidemark.sync.api.AccountActivity;
import io.tidemark.sync.api.SyncParticipant;
import io.tidemark.sync.api.SyncReport;
import io.tidemark.sync.api.SyncTopics;
import io.tidemark.testing.CapabilityProfile;

/**
 * What a third-party bundle sees of a sync: {@link SyncParticipant}s called per mailbox, INBOX first, and
 * EventAdmin events posted only once what they announce is committed and readable from the store.
 */
class EventsAndParticipantsTest extends EngineTestBase {

    @Override
    TestServer startServer() {
        return TestServer.dovecot(CapabilityProfile.FULL);
    }

    /** Records, at the moment each event is posted, what the store shows. */
    private final class RecordingEventAdmin implements EventAdmin {
        final List<String> problems = Collections.synchronizedList(new ArrayList<>());
        final List<Event> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void postEvent(Event event) {
            if (!account.id().value().equals(event.getProperty(SyncTopics.ACCOUNT))) {
                return; // the memory store is shared with other tests' engines
            }
            events.add(event);
            try {
                if (event.getTopic().equals(SyncTopics.STORE_CHANGED)) {
                    StoreDelta d = (StoreDelta) event.getProperty(SyncTopics.DELTA);
                    for (MailboxDelta m : d.mailboxes()) {
                        for (long uid : m.added().toArray()) {
                            if (store.message(m.mailbox(), uid).isEmpty()) {
                                problems.add("STORE_CHANGED announced UID " + uid + " of " + m.mailbox()
                                        + " before it was readable");
                            }
                        }
                    }
                } else if (event.getTopic().equals(SyncTopics.MAILBOX_SYNCED)) {
                    SyncReport r = (SyncReport) event.getProperty(SyncTopics.REPORT);
                    if (store.uids(r.mailbox()).size() != r.added()) {
                        problems.add("MAILBOX_SYNCED of " + r.mailbox() + " posted with " + store.uids(r.mailbox())
                                + " in the store, " + r.added() + " reported");
                    }
                }
            } catch (CoreException e) {
                problems.add(e.toString());
            }
        }

        @Override
        public void sendEvent(Event event) {
            postEvent(event);
        }

        List<String> topics() {
            synchronized (events) {
                return events.stream().map(Event::getTopic).toList();
            }
        }
    }

    @Test
    void participantsAndEventsSeeEachMailboxAfterItsCommitInboxFirst() throws CoreException {
        other.create("Archive");
        append("Archive", 3);
        append("INBOX", 4);
        RecordingEventAdmin events = new RecordingEventAdmin();
        engine.setEventAdmin(events);
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        engine.addParticipant(new SyncParticipant() {
            @Override
            public void mailboxStarting(MailboxRef mailbox) {
                if (mailbox.account().equals(account.id())) {
                    calls.add("start " + mailbox.name().value());
                }
            }

            @Override
            public void mailboxSynced(SyncReport report) {
                if (report.mailbox().account().equals(account.id())) {
                    calls.add("synced " + report.mailbox().name().value() + " +" + report.added());
                }
            }
        });
        sync();
        // a pass detects changes in every mailbox, then downloads, then finishes each: INBOX first every time
        assertEquals("start INBOX", calls.get(0), calls.toString());
        List<String> synced = calls.stream().filter(c -> c.startsWith("synced ")).toList();
        assertEquals("synced INBOX +4", synced.get(0), calls.toString());
        assertTrue(synced.contains("synced Archive +3"), calls.toString());
        for (String s : synced) {
            String name = s.substring("synced ".length(), s.lastIndexOf(' '));
            assertTrue(calls.indexOf("start " + name) >= 0 && calls.indexOf("start " + name) < calls.indexOf(s),
                    "started before synced: " + calls);
        }
        assertEquals(List.of(), events.problems);
        List<String> topics = events.topics();
        assertEquals(synced.size(), topics.stream().filter(SyncTopics.MAILBOX_SYNCED::equals).count(),
                topics.toString());
        assertTrue(topics.contains(SyncTopics.STORE_CHANGED), topics.toString());
        Event last = events.events.get(events.events.size() - 1);
        assertEquals(SyncTopics.STATE, last.getTopic(), "the sync ends with the account's state: " + topics);
        assertEquals(AccountActivity.Phase.IDLE, ((AccountActivity) last.getProperty(SyncTopics.ACTIVITY)).phase());
        assertFalse(topics.indexOf(SyncTopics.STATE) > topics.indexOf(SyncTopics.STORE_CHANGED),
                "SYNCING is announced before the first change: " + topics);
    }
}
