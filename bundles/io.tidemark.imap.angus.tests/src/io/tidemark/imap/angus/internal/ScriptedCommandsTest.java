/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.core.runtime.CoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.tidemark.imap.api.AppendUid;
import io.tidemark.imap.api.CopyUid;
import io.tidemark.imap.api.FetchItem;
import io.tidemark.imap.api.FetchSpec;
import io.tidemark.imap.api.FetchedMessage;
import io.tidemark.imap.api.FlagOperation;
import io.tidemark.imap.api.ImapError;
import io.tidemark.imap.api.ImapSession;
import io.tidemark.imap.api.ImapStatus;
import io.tidemark.imap.api.ListRequest;
import io.tidemark.imap.api.MessageSink;
import io.tidemark.imap.api.QresyncParams;
import io.tidemark.imap.api.SearchKey;
import io.tidemark.imap.api.SelectOptions;
import io.tidemark.imap.api.SelectResult;
import io.tidemark.imap.api.ServerEvent;
import io.tidemark.imap.api.SessionOptions;
import io.tidemark.imap.api.StoreResult;
import io.tidemark.model.Address;
import io.tidemark.model.Flags;
import io.tidemark.model.MailboxInfo;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxStatus;
import io.tidemark.model.SpecialUse;
import io.tidemark.model.SystemFlag;
import io.tidemark.model.UidSet;

/** The commands of a session, checked word for word against scripted conversations. */
class ScriptedCommandsTest {

    private final AngusImapTransport transport = new AngusImapTransport();
    private final List<ServerEvent> events = new ArrayList<>();

    @AfterEach
    void stop() {
        transport.deactivate();
    }

    private ImapSession open(ScriptedImapServer server) throws CoreException {
        return transport.open(FakeSessions.account(server).build(), FakeSessions.Secrets.passwords("secret"),
                SessionOptions.DEFAULT.withEvents(events::add), null);
    }

    /** A sink that keeps everything. */
    private static final class Collect implements MessageSink {
        final List<FetchedMessage> messages = new ArrayList<>();
        final List<UidSet> vanished = new ArrayList<>();
        final List<Boolean> earlier = new ArrayList<>();

        @Override
        public void message(FetchedMessage m) {
            messages.add(m);
        }

        @Override
        public void vanished(UidSet uids, boolean e) {
            vanished.add(uids);
            earlier.add(e);
        }
    }

    @Test
    void openingAndClosingSendsLoginEnableAndLogoutOnly() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start("login-logout")) {
            ImapSession s = open(server);
            assertTrue(s.capabilities().qresync());
            assertTrue(s.capabilities().isEnabled("CONDSTORE"));
            assertTrue(s.capabilities().objectId());
            assertEquals(2, s.counters().commands(), "LOGIN and ENABLE");
            s.close();
            server.verify();
            assertEquals(3, s.counters().commands(), "LOGIN, ENABLE, LOGOUT");
            assertTrue(s.counters().bytesOut() > 40);
            assertTrue(s.counters().bytesIn() > 200);
            assertFalse(s.isOpen());
            s.close(); // idempotent
        }
    }

    @Test
    void fetchIsOneCommandPerWindowAndEventsMidFetchReachTheListener() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start("fetch-window")) {
            try (ImapSession s = open(server)) {
                SelectResult sel = s.select(MailboxName.INBOX, SelectOptions.CONDSTORE, MessageSink.NONE, null);
                assertEquals(1700000000L, sel.uidValidity());
                assertEquals(12, sel.uidNext());
                assertEquals(3, sel.exists());
                assertEquals(90, sel.highestModSeq());
                assertTrue(sel.keywordsAllowed());
                assertFalse(sel.readOnly());
                assertTrue(events.isEmpty(), "the EXISTS of a SELECT is its answer, not an event: " + events);
                long before = s.counters().commands();
                Collect sink = new Collect();
                s.fetch(UidSet.range(1, 11), FetchSpec.of(FetchItem.FLAGS, FetchItem.MODSEQ), sink, null);
                assertEquals(1, s.counters().commands() - before);
                assertEquals(2, sink.messages.size());
                FetchedMessage first = sink.messages.get(0);
                assertEquals(3, first.uid());
                assertEquals(1, first.seq());
                assertEquals(Flags.SEEN, first.flags());
                assertEquals(10, first.modSeq());
                FetchedMessage second = sink.messages.get(1);
                assertEquals(9, second.uid());
                assertTrue(second.flags().has(SystemFlag.FLAGGED));
                assertTrue(second.flags().hasKeyword("$Forwarded"));
                assertEquals(-1, second.size(), "not asked for");
                assertEquals(2, events.size(), events.toString());
                assertEquals(new ServerEvent.Expunge(2), events.get(0));
                ServerEvent.FlagsChanged outside = (ServerEvent.FlagsChanged) events.get(1);
                assertEquals(40, outside.message().uid());
            }
            server.verify();
        }
    }

    @Test
    void qresyncSelectDeliversVanishedRangesAndChangedFlagsToTheSink() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start("select-qresync")) {
            try (ImapSession s = open(server)) {
                Collect sink = new Collect();
                QresyncParams q = new QresyncParams(1700000000L, 77, UidSet.parse("1:300,400:410"),
                        UidSet.of(3, 20), UidSet.of(3, 20));
                SelectResult sel = s.select(MailboxName.INBOX, SelectOptions.qresync(q), sink, null);
                assertEquals(250, sel.exists());
                assertEquals(411, sel.uidNext());
                assertEquals(95, sel.highestModSeq());
                assertEquals(List.of(UidSet.parse("41,43:116,118,120:211,214:300")), sink.vanished);
                assertEquals(List.of(true), sink.earlier);
                assertEquals(2, sink.messages.size());
                assertEquals(50, sink.messages.get(0).uid());
                assertTrue(sink.messages.get(0).flags().hasKeyword("work"));
                assertEquals(90, sink.messages.get(0).modSeq());
                assertTrue(sink.messages.get(1).flags().isEmpty());
                assertEquals(MailboxName.INBOX, s.selected().orElseThrow());
                assertTrue(events.isEmpty(), events.toString());
            }
            server.verify();
        }
    }

    @Test
    void responsesBeforeClosedBelongToThePreviousMailbox() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start("select-closed")) {
            try (ImapSession s = open(server)) {
                s.select(MailboxName.INBOX, SelectOptions.PLAIN, MessageSink.NONE, null);
                Collect archive = new Collect();
                SelectResult r = s.select(MailboxName.of("Archive"), SelectOptions.qresync(
                        new QresyncParams(5, 10, null, null, null)), archive, null);
                assertEquals(2, r.exists());
                assertEquals(List.of(UidSet.of(3)), archive.vanished);
                assertEquals(List.of(4L), archive.messages.stream().map(FetchedMessage::uid).toList());
                assertEquals(1, events.size(), events.toString());
                assertEquals(30, ((ServerEvent.FlagsChanged) events.get(0)).message().uid());
                Collect inbox = new Collect();
                s.select(MailboxName.INBOX, SelectOptions.qresync(new QresyncParams(1700000000L, 80, null, null, null)),
                        inbox, null);
                assertEquals(List.of(UidSet.of(7)), inbox.vanished, "no [CLOSED]: the changes are the new mailbox's");
                assertEquals(List.of(8L), inbox.messages.stream().map(FetchedMessage::uid).toList());
                assertEquals(1, events.size(), events.toString());
            }
            server.verify();
        }
    }

    @Test
    void fetchWithChangedSinceAndVanishedSeparatesHistoryFromLiveExpunges() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start("fetch-changedsince-vanished")) {
            try (ImapSession s = open(server)) {
                s.select(MailboxName.INBOX, SelectOptions.PLAIN, MessageSink.NONE, null);
                Collect sink = new Collect();
                s.fetch(UidSet.range(1, 500), FetchSpec.of(FetchItem.FLAGS, FetchItem.MODSEQ)
                        .changedSinceWithVanished(77), sink, null);
                assertEquals(List.of(UidSet.parse("1:3,7")), sink.vanished);
                assertEquals(1, sink.messages.size());
                assertEquals(12, sink.messages.get(0).uid());
                assertEquals(List.of(new ServerEvent.Vanished(UidSet.of(499), false)), events);
            }
            server.verify();
        }
    }

    @Test
    void fetchDecodesLiteralsQuotedEscapesNilUtf8AndEncodedWords() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start("fetch-odd-literals")) {
            try (ImapSession s = open(server)) {
                s.select(MailboxName.INBOX, SelectOptions.PLAIN, MessageSink.NONE, null);
                Collect sink = new Collect();
                FetchSpec spec = FetchSpec.of(FetchItem.FLAGS, FetchItem.SIZE, FetchItem.INTERNALDATE,
                        FetchItem.ENVELOPE, FetchItem.BODYSTRUCTURE, FetchItem.EMAILID, FetchItem.BODY)
                        .withHeaderFields("Message-ID", "Subject");
                s.fetch(UidSet.of(7), spec, sink, null);
                assertEquals(1, sink.messages.size());
                FetchedMessage m = sink.messages.get(0);
                assertEquals(7, m.uid());
                assertEquals(58, m.size());
                assertEquals(Instant.parse("1996-07-17T09:44:25Z"), m.internalDate());
                assertEquals(Instant.parse("1996-07-17T09:23:25Z"), m.envelope().date());
                assertEquals("Grüße du", m.envelope().subject());
                assertEquals(List.of(new Address("Fr\"ed \\ Foo", "fred@example.com")), m.envelope().from());
                assertEquals(List.of(new Address("Jörg", "joerg@example.org")), m.envelope().to(),
                        "group syntax flattened to its members");
                assertTrue(m.envelope().cc().isEmpty());
                assertNull(m.envelope().inReplyTo());
                assertEquals("<B27397-0100000@cac.washington.edu>", m.messageId());
                assertEquals("(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92)",
                        m.bodyStructure());
                assertEquals("M6d99ac3275bb4e", m.emailId());
                assertNull(m.threadId());
                assertEquals("Message-ID: <a@b>\r\nSubject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\n\r\n",
                        new String(m.headerFields(), StandardCharsets.US_ASCII));
                assertArrayEquals("Hello\r\nWorld!".getBytes(StandardCharsets.US_ASCII), m.body());
                assertNull(m.header());
            }
            server.verify();
        }
    }

    @Test
    void conditionalStoreReturnsTheModifiedSetAndIsSilentWithoutASink() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start("store-unchangedsince")) {
            try (ImapSession s = open(server)) {
                s.select(MailboxName.INBOX, SelectOptions.PLAIN, MessageSink.NONE, null);
                StoreResult r = s.store(UidSet.range(1, 5), FlagOperation.ADD,
                        new Flags(Set.of(SystemFlag.SEEN), Set.of("$Done")), 12, MessageSink.NONE, null);
                assertEquals(UidSet.of(2, 4), r.modified());
                assertEquals(1, events.size(), "the FETCH for UID 77 is another client's change: " + events);
                assertEquals(77, ((ServerEvent.FlagsChanged) events.get(0)).message().uid());
                Collect sink = new Collect();
                StoreResult plain = s.store(UidSet.of(8), FlagOperation.REMOVE, Flags.of(SystemFlag.FLAGGED), 0,
                        sink, null);
                assertTrue(plain.modified().isEmpty());
                assertEquals(1, sink.messages.size());
                assertEquals(93, sink.messages.get(0).modSeq());
            }
            server.verify();
        }
    }

    @Test
    void searchUsesEsearchRangesAndUtf8Literals() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start("search-esearch")) {
            try (ImapSession s = open(server)) {
                s.select(MailboxName.INBOX, SelectOptions.PLAIN, MessageSink.NONE, null);
                assertEquals(UidSet.parse("3:5,9"),
                        s.search(SearchKey.and(SearchKey.uids(UidSet.range(1, 100)), new SearchKey.Deleted()), null));
                assertTrue(s.search(SearchKey.header("Subject", "Grüße"), null).isEmpty());
            }
            server.verify();
        }
    }

    @Test
    void plainServerSearchesWithSearchAndUnselectsWithExamineAndClose() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start("search-rev1")) {
            try (ImapSession s = open(server)) {
                assertFalse(s.capabilities().condstore());
                assertTrue(s.capabilities().idle(), "capabilities re-read after login");
                s.select(MailboxName.INBOX, SelectOptions.CONDSTORE, MessageSink.NONE, null);
                assertEquals(UidSet.parse("2:4,9"), s.search(SearchKey.uids(UidSet.range(1, 20)), null));
                s.unselect(null);
                assertTrue(s.selected().isEmpty());
            }
            server.verify();
        }
    }

    @Test
    void copyMoveAndAppendReturnTheServersUids() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start("copy-move-append")) {
            try (ImapSession s = open(server)) {
                s.select(MailboxName.INBOX, SelectOptions.PLAIN, MessageSink.NONE, null);
                CopyUid copied = s.copy(UidSet.range(3, 5), MailboxName.of("Archive"), null).orElseThrow();
                assertEquals(38505, copied.targetUidValidity());
                assertEquals(101, copied.targetOf(4));
                CopyUid moved = s.move(UidSet.of(7, 9), MailboxName.of("Träsh"), null).orElseThrow();
                assertEquals(21, moved.targetOf(9));
                assertEquals(List.of(new ServerEvent.Vanished(UidSet.of(7, 9), false)), events);
                AppendUid a = s.append(MailboxName.INBOX, Flags.SEEN, Instant.parse("2024-02-01T10:00:00Z"),
                        "Subject: hi\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII), null).orElseThrow();
                assertEquals(new AppendUid(38505, 3955), a);
                assertEquals(new ServerEvent.Exists(4), events.get(1));
            }
            server.verify();
        }
    }

    @Test
    void uidExpungeReportsTheVanishedUids() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start("expunge")) {
            try (ImapSession s = open(server)) {
                s.select(MailboxName.INBOX, SelectOptions.PLAIN, MessageSink.NONE, null);
                assertEquals(UidSet.range(3, 4), s.expunge(UidSet.range(3, 5), null));
            }
            server.verify();
        }
    }

    @Test
    void missingMailboxesAreReportedAsSuch() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start("select-missing")) {
            try (ImapSession s = open(server)) {
                MailboxName nope = MailboxName.of("Nope");
                CoreException e = assertThrows(CoreException.class,
                        () -> s.select(nope, SelectOptions.PLAIN, MessageSink.NONE, null));
                assertEquals(ImapError.MAILBOX_MISSING, ImapStatus.errorOf(e));
                assertTrue(e.getStatus().getMessage().contains("'Nope'"), e.getStatus().getMessage());
                assertTrue(e.getStatus().getMessage().contains("account 'fake'"), e.getStatus().getMessage());
                assertEquals(ImapError.MAILBOX_MISSING, ImapStatus.errorOf(
                        assertThrows(CoreException.class, () -> s.status(nope, null))));
                assertEquals(ImapError.MAILBOX_MISSING, ImapStatus.errorOf(
                        assertThrows(CoreException.class, () -> s.delete(nope, null))));
                assertEquals(ImapError.COMMAND_REJECTED, ImapStatus.errorOf(
                        assertThrows(CoreException.class, () -> s.create(MailboxName.INBOX, null))));
                assertTrue(s.isOpen());
            }
            server.verify();
        }
    }

    @Test
    void listReturnsSpecialUseSubscriptionAndStatusInOneRoundTrip() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start("list-extended")) {
            try (ImapSession s = open(server)) {
                List<MailboxInfo> all = s.list(ListRequest.ALL_WITH_STATUS, null);
                assertEquals(List.of("INBOX", "Sent", "Archive", "Träsh"),
                        all.stream().map(i -> i.name().value()).toList());
                MailboxInfo inbox = all.get(0);
                assertTrue(inbox.subscribed());
                assertEquals('/', inbox.delimiter());
                assertEquals(new MailboxStatus(3, 12, 1700000000L, 90, 1), inbox.status());
                assertEquals(SpecialUse.SENT, all.get(1).specialUse().orElseThrow());
                assertFalse(all.get(2).selectable());
                assertFalse(all.get(2).subscribed());
                assertNull(all.get(2).status());
                assertEquals(SpecialUse.TRASH, all.get(3).specialUse().orElseThrow());
                assertEquals(2, all.get(3).status().messages());
                assertEquals(new MailboxStatus(0, 1, 1700000001L, 1, 0), s.status(MailboxName.of("Sent"), null));
                List<MailboxInfo> subscribed = s.list(new ListRequest("*", true, false), null);
                assertEquals(2, subscribed.size());
                assertTrue(subscribed.stream().allMatch(MailboxInfo::subscribed));
            }
            server.verify();
        }
    }

    @Test
    void listOnAPlainServerAsksLsubForSubscriptions() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start("list-rev1")) {
            try (ImapSession s = open(server)) {
                List<MailboxInfo> all = s.list(ListRequest.ALL_WITH_STATUS, null);
                assertEquals(2, all.size());
                assertEquals((char) 0, all.get(0).delimiter());
                assertFalse(all.get(0).subscribed());
                assertTrue(all.get(1).subscribed());
                assertNull(all.get(1).status(), "no LIST-STATUS");
            }
            server.verify();
        }
    }

    @Test
    void synchronizingLiteralWaitsForTheGoAheadAndKeepsEventsBeforeIt() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start("sync-literal")) {
            try (ImapSession s = open(server)) {
                s.select(MailboxName.INBOX, SelectOptions.PLAIN, MessageSink.NONE, null);
                assertTrue(s.append(MailboxName.INBOX, Flags.EMPTY, null,
                        "Subject: hi\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII), null).isEmpty());
                assertEquals(List.of(new ServerEvent.Exists(4), new ServerEvent.Exists(5)), events);
            }
            server.verify();
        }
    }

    @Test
    void unsolicitedResponsesDuringAnyCommandReachTheListenerInOrder() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.start("noop-events")) {
            try (ImapSession s = open(server)) {
                s.select(MailboxName.INBOX, SelectOptions.PLAIN, MessageSink.NONE, null);
                s.noop(null);
                assertEquals(4, events.size(), events.toString());
                assertEquals(new ServerEvent.Exists(5), events.get(0));
                assertEquals(new ServerEvent.Vanished(UidSet.range(9, 10), false), events.get(1));
                FetchedMessage m = ((ServerEvent.FlagsChanged) events.get(2)).message();
                assertEquals(4, m.uid());
                assertEquals(99, m.modSeq());
                assertTrue(((ServerEvent.Alert) events.get(3)).text().contains("Maintenance"));
            }
            server.verify();
        }
    }

    @Test
    void hugeSetsAreSplitIntoCommandsOfAtMostEightKilobytes() throws Exception {
        // 10,000 single UIDs (every other one): about 50,000 characters of set.
        UidSet.Builder b = UidSet.builder();
        for (long u = 1; u <= 20000; u += 2) {
            b.add(u);
        }
        UidSet sparse = b.build();
        List<UidSet> parts = SetSplitter.split(sparse, Command.MAX_LINE - "UID FETCH (UID FLAGS)".length() - 32);
        List<String> script = new ArrayList<>(ScriptedImapServer.load("_login"));
        script.addAll(ScriptedImapServer.load("_select-inbox"));
        for (UidSet p : parts) {
            script.add("C: $ UID FETCH " + p.toExplicitString() + " (UID FLAGS)");
            script.add("S: * 1 FETCH (UID " + p.first() + " FLAGS ())");
            script.add("S: $ OK done");
        }
        script.addAll(ScriptedImapServer.load("_logout"));
        assertTrue(parts.size() >= 3, "the set needs several commands");
        try (ScriptedImapServer server = ScriptedImapServer.ofLines("huge-set", script)) {
            try (ImapSession s = open(server)) {
                s.select(MailboxName.INBOX, SelectOptions.PLAIN, MessageSink.NONE, null);
                Collect sink = new Collect();
                s.fetch(sparse, FetchSpec.FLAGS, sink, null);
                assertEquals(parts.size(), sink.messages.size());
            }
            server.verify();
            for (String line : server.received()) {
                assertTrue(line.length() <= 8000, "command of " + line.length() + " characters");
                assertFalse(line.contains("*"), "no open-ended set: " + line);
            }
        }
    }
}
