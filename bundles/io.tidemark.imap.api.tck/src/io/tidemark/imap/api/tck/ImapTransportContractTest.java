/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.api.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.core.runtime.CoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import io.tidemark.imap.api.AppendUid;
import io.tidemark.imap.api.Capabilities;
import io.tidemark.imap.api.CopyUid;
import io.tidemark.imap.api.Credentials;
import io.tidemark.imap.api.FetchItem;
import io.tidemark.imap.api.FetchSpec;
import io.tidemark.imap.api.FetchedMessage;
import io.tidemark.imap.api.FlagOperation;
import io.tidemark.imap.api.IdleEnd;
import io.tidemark.imap.api.ImapError;
import io.tidemark.imap.api.ImapSession;
import io.tidemark.imap.api.ImapStatus;
import io.tidemark.imap.api.ImapTransport;
import io.tidemark.imap.api.ListRequest;
import io.tidemark.imap.api.MessageSink;
import io.tidemark.imap.api.QresyncParams;
import io.tidemark.imap.api.SearchKey;
import io.tidemark.imap.api.SelectOptions;
import io.tidemark.imap.api.SelectResult;
import io.tidemark.imap.api.ServerEvent;
import io.tidemark.imap.api.SessionOptions;
import io.tidemark.imap.api.StoreResult;
import io.tidemark.model.Flags;
import io.tidemark.model.MailboxInfo;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxStatus;
import io.tidemark.model.SystemFlag;
import io.tidemark.model.TrafficCounters;
import io.tidemark.model.UidSet;
import io.tidemark.testing.MailboxSnapshot;
import io.tidemark.testing.MessageFactory;
import io.tidemark.testing.OtherClient;

/**
 * The contract of {@link ImapTransport} and {@link io.tidemark.imap.api.ImapSession}, for any transport and
 * any server. Extend it once per server, return the transport and the server; each test works in mailboxes
 * of its own, so one server can serve the whole class.
 * <p>
 * Where the server lacks an extension, a test asserts the fallback or the {@code CAPABILITY_MISSING} refusal
 * the API documents, so every test checks something on every server.
 *
 * @since 0.1
 */
public abstract class ImapTransportContractTest {

    private static final AtomicInteger MAILBOXES = new AtomicInteger();
    private static final Duration LONG = Duration.ofMinutes(5);

    /** Events the session listener received. */
    protected final List<ServerEvent> events = Collections.synchronizedList(new ArrayList<>());

    /** @return the transport under test */
    protected abstract ImapTransport transport();

    /** @return the server to run against */
    protected abstract ContractServer server();

    /** @return a new session with {@link #events} as its listener */
    protected ImapSession open() throws CoreException {
        return transport().open(server().account("tck"), server().credentials(),
                SessionOptions.DEFAULT.withEvents(events::add), null);
    }

    /** @return the name of a new, empty mailbox of this test */
    protected String newMailbox() {
        String name = "tck" + MAILBOXES.incrementAndGet() + "x" + Long.toString(System.nanoTime() & 0xffff, 36);
        try (OtherClient c = server().otherClient()) {
            c.create(name);
        }
        return name;
    }

    /** @return the UIDs of {@code count} appended simple messages */
    protected List<Long> append(String mailbox, int count, String... flags) {
        List<Long> uids = new ArrayList<>();
        try (OtherClient c = server().otherClient()) {
            for (int i = 0; i < count; i++) {
                uids.add(c.append(mailbox, MessageFactory.simple("message " + i, "body " + i), flags));
            }
        }
        return uids;
    }

    protected MailboxSnapshot snapshot(String mailbox) {
        try (OtherClient c = server().otherClient()) {
            return c.snapshot(mailbox);
        }
    }

    protected static ImapError code(CoreException e) {
        return ImapStatus.errorOf(e);
    }

    protected static void assertRefused(ImapError expected, Executable call) {
        CoreException e = assertThrows(CoreException.class, call);
        assertEquals(expected, code(e), e.getStatus().toString());
    }

    /** A sink that keeps everything. */
    protected static final class Collect implements MessageSink {
        public final List<FetchedMessage> messages = Collections.synchronizedList(new ArrayList<>());
        public final List<UidSet> vanished = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void message(FetchedMessage m) {
            messages.add(m);
        }

        @Override
        public void vanished(UidSet uids, boolean earlier) {
            vanished.add(uids);
        }

        public UidSet uids() {
            UidSet.Builder b = UidSet.builder();
            messages.forEach(m -> b.add(m.uid()));
            return b.build();
        }

        public Map<Long, FetchedMessage> byUid() {
            Map<Long, FetchedMessage> m = new HashMap<>();
            messages.forEach(x -> m.put(x.uid(), x));
            return m;
        }

        public UidSet vanishedUids() {
            UidSet all = UidSet.empty();
            for (UidSet s : vanished) {
                all = all.union(s);
            }
            return all;
        }
    }

    private static UidSet set(List<Long> uids) {
        UidSet.Builder b = UidSet.builder();
        uids.forEach(b::add);
        return b.build();
    }

    // ---------------------------------------------------------------------------------------- session

    @Test
    public void capabilitiesAreReadAfterLoginAndTrafficIsCounted() throws Exception {
        try (ImapSession s = open()) {
            Capabilities caps = s.capabilities();
            for (String c : server().expectedCapabilities()) {
                assertTrue(caps.has(c), server().name() + " advertises " + c + ": " + caps);
            }
            for (String c : server().absentCapabilities()) {
                assertFalse(caps.has(c), server().name() + " does not advertise " + c + ": " + caps);
            }
            assertEquals(caps.has("QRESYNC") && caps.has("ENABLE"), caps.qresync(),
                    "QRESYNC is enabled exactly when offered with ENABLE");
            TrafficCounters before = s.counters();
            assertTrue(before.commands() >= 1 && before.bytesIn() > 0 && before.bytesOut() > 0, before.toString());
            s.noop(null);
            TrafficCounters after = s.counters();
            assertEquals(1, after.minus(before).commands());
            assertTrue(after.bytesOut() > before.bytesOut());
            assertTrue(s.isOpen());
            assertEquals(server().account("tck"), s.account());
        }
    }

    @Test
    public void closeEndsTheSessionAndIsIdempotent() throws Exception {
        ImapSession s = open();
        s.close();
        assertFalse(s.isOpen());
        s.close();
        CoreException e = assertThrows(CoreException.class, () -> s.noop(null));
        assertNotNull(code(e), "a coded status: " + e.getStatus());
    }

    @Test
    public void aWrongPasswordIsAnAuthenticationErrorAfterOneRetry() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        CoreException e = assertThrows(CoreException.class, () -> transport().open(server().account("tck"),
                (account, failed) -> {
                    assertEquals(asked.getAndIncrement() > 0, failed);
                    return Credentials.password(account.user(), "definitely-wrong".toCharArray());
                }, SessionOptions.DEFAULT, null));
        assertEquals(ImapError.AUTHENTICATION, code(e));
        assertEquals(2, asked.get());
        assertFalse(e.getStatus().getMessage().contains("definitely-wrong"));
    }

    @Test
    public void abortEndsTheSessionFromAnyThread() throws Exception {
        ImapSession s = open();
        CompletableFuture.runAsync(s::abort).get();
        assertFalse(s.isOpen());
        CoreException e = assertThrows(CoreException.class, () -> s.noop(null));
        assertNotNull(code(e), "a coded status: " + e.getStatus());
        s.close();
    }

    // ---------------------------------------------------------------------------------------- mailboxes

    @Test
    public void listShowsMailboxesSubscriptionsSpecialUseAndStatus() throws Exception {
        String a = newMailbox();
        String b = newMailbox();
        append(b, 2, "\\Seen");
        try (OtherClient c = server().otherClient()) {
            c.subscribe(b);
        }
        try (ImapSession s = open()) {
            List<MailboxInfo> all = s.list(ListRequest.ALL_WITH_STATUS, null);
            Map<String, MailboxInfo> byName = new HashMap<>();
            all.forEach(i -> byName.put(i.name().value(), i));
            assertTrue(byName.containsKey("INBOX"), all.toString());
            MailboxInfo ia = byName.get(a);
            MailboxInfo ib = byName.get(b);
            assertNotNull(ia, all.toString());
            assertNotNull(ib, all.toString());
            assertTrue(ia.selectable());
            assertFalse(ia.subscribed());
            assertTrue(ib.subscribed());
            if (s.capabilities().listStatus()) {
                assertEquals(2, ib.status().messages());
                assertEquals(0, ib.status().unseen());
                assertTrue(ib.status().uidValidity() > 0);
            } else {
                assertNull(ib.status(), "no LIST-STATUS, no counters");
            }
            if (server().hasSpecialUseMailboxes()) {
                assertTrue(all.stream().anyMatch(i -> i.specialUse().isPresent()), all.toString());
            }
            List<MailboxInfo> subscribed = s.list(new ListRequest("*", true, false), null);
            assertTrue(subscribed.stream().anyMatch(i -> i.name().value().equals(b)));
            assertFalse(subscribed.stream().anyMatch(i -> i.name().value().equals(a)));
            assertTrue(subscribed.stream().allMatch(MailboxInfo::subscribed));
        }
    }

    @Test
    public void statusReportsTheCountersOfAMailbox() throws Exception {
        String box = newMailbox();
        List<Long> uids = append(box, 3);
        append(box, 1, "\\Seen");
        try (ImapSession s = open()) {
            MailboxStatus st = s.status(MailboxName.of(box), null);
            assertEquals(4, st.messages());
            assertEquals(3, st.unseen());
            assertTrue(st.uidNext() > uids.get(2));
            assertEquals(snapshot(box).uidValidity(), st.uidValidity());
            assertEquals(s.capabilities().condstore(), st.hasModSeq());
            assertRefused(ImapError.MAILBOX_MISSING, () -> s.status(MailboxName.of(box + "-missing"), null));
        }
    }

    @Test
    public void mailboxesAreCreatedRenamedSubscribedAndDeleted() throws Exception {
        String base = "tck" + MAILBOXES.incrementAndGet() + "new";
        MailboxName created = MailboxName.of(base + "-é");
        MailboxName renamed = MailboxName.of(base + "-ü");
        try (ImapSession s = open()) {
            s.create(created, null);
            assertTrue(names(s).contains(created.value()));
            s.rename(created, renamed, null);
            List<String> after = names(s);
            assertTrue(after.contains(renamed.value()), after.toString());
            assertFalse(after.contains(created.value()));
            s.subscribe(renamed, true, null);
            assertTrue(s.list(new ListRequest("*", true, false), null).stream()
                    .anyMatch(i -> i.name().equals(renamed)));
            s.subscribe(renamed, false, null);
            assertFalse(s.list(new ListRequest("*", true, false), null).stream()
                    .anyMatch(i -> i.name().equals(renamed)));
            s.delete(renamed, null);
            assertFalse(names(s).contains(renamed.value()));
            assertRefused(ImapError.MAILBOX_MISSING, () -> s.delete(renamed, null));
            assertTrue(s.isOpen(), "a refused command leaves the session usable");
        }
        try (OtherClient c = server().otherClient()) {
            assertFalse(c.list().contains(renamed.value()), "the other client sees the same");
        }
    }

    private static List<String> names(ImapSession s) throws CoreException {
        return s.list(ListRequest.ALL, null).stream().map(i -> i.name().value()).toList();
    }

    // ---------------------------------------------------------------------------------------- selection

    @Test
    public void selectReportsTheMailboxCounters() throws Exception {
        String box = newMailbox();
        List<Long> uids = append(box, 3);
        MailboxSnapshot snap = snapshot(box);
        try (ImapSession s = open()) {
            SelectResult r = s.select(MailboxName.of(box), SelectOptions.CONDSTORE, MessageSink.NONE, null);
            assertEquals(snap.uidValidity(), r.uidValidity());
            assertEquals(snap.uidNext(), r.uidNext());
            assertEquals(3, r.exists());
            assertTrue(r.uidNext() > uids.get(2));
            assertFalse(r.readOnly());
            assertTrue(r.flags().contains("\\Seen"), r.flags().toString());
            if (s.capabilities().condstore()) {
                assertTrue(r.highestModSeq() > 0);
            } else {
                assertEquals(0, r.highestModSeq());
            }
            assertEquals(Optional.of(MailboxName.of(box)), s.selected());
            SelectResult ro = s.select(MailboxName.of(box), SelectOptions.PLAIN.readOnlyCopy(), MessageSink.NONE, null);
            assertTrue(ro.readOnly());
            assertRefused(ImapError.MAILBOX_MISSING,
                    () -> s.select(MailboxName.of(box + "-missing"), SelectOptions.PLAIN, MessageSink.NONE, null));
            assertTrue(s.selected().isEmpty(), "a failed SELECT leaves no mailbox selected");
            assertTrue(events.stream().noneMatch(e -> e instanceof ServerEvent.Exists),
                    "EXISTS of a SELECT is its answer: " + events);
        }
    }

    @Test
    public void qresyncSelectReportsVanishedUidsAndChangedFlags() throws Exception {
        String box = newMailbox();
        List<Long> uids = append(box, 6);
        try (ImapSession s = open()) {
            SelectResult first = s.select(MailboxName.of(box), SelectOptions.CONDSTORE, MessageSink.NONE, null);
            s.unselect(null);
            QresyncParams q = new QresyncParams(first.uidValidity(), Math.max(1, first.highestModSeq()), set(uids),
                    null, null);
            if (!s.capabilities().qresync()) {
                assertRefused(ImapError.CAPABILITY_MISSING,
                        () -> s.select(MailboxName.of(box), SelectOptions.qresync(q), MessageSink.NONE, null));
                return;
            }
            try (OtherClient c = server().otherClient()) {
                c.expunge(box, UidSet.of(uids.get(1), uids.get(2)));
                c.addFlags(box, UidSet.of(uids.get(4)), "\\Flagged", "$Work");
            }
            Collect changes = new Collect();
            SelectResult r = s.select(MailboxName.of(box), SelectOptions.qresync(q), changes, null);
            assertEquals(UidSet.of(uids.get(1), uids.get(2)), changes.vanishedUids());
            FetchedMessage m = changes.byUid().get(uids.get(4));
            assertNotNull(m, changes.messages.toString());
            assertTrue(m.flags().has(SystemFlag.FLAGGED));
            assertTrue(m.flags().hasKeyword("$Work"));
            assertTrue(m.modSeq() > first.highestModSeq());
            assertEquals(4, r.exists());
            assertTrue(r.highestModSeq() >= m.modSeq());
            Collect none = new Collect();
            s.unselect(null);
            s.select(MailboxName.of(box), SelectOptions.qresync(new QresyncParams(r.uidValidity(), r.highestModSeq(),
                    null, null, null)), none, null);
            assertTrue(none.messages.isEmpty() && none.vanished.isEmpty(), "nothing changed since");
        }
    }

    @Test
    public void unselectLeavesTheMailboxWithoutExpunging() throws Exception {
        String box = newMailbox();
        List<Long> uids = append(box, 2);
        try (ImapSession s = open()) {
            s.select(MailboxName.of(box), SelectOptions.PLAIN, MessageSink.NONE, null);
            s.store(UidSet.of(uids.get(0)), FlagOperation.ADD, Flags.of(SystemFlag.DELETED), 0, MessageSink.NONE, null);
            s.unselect(null);
            assertTrue(s.selected().isEmpty());
            assertEquals(set(uids), snapshot(box).uids(), "\\Deleted messages stay");
            s.unselect(null); // nothing selected: nothing to do
        }
    }

    // ---------------------------------------------------------------------------------------- fetch

    @Test
    public void fetchStreamsFlagsAndKeywordsOfAWindowInOneCommand() throws Exception {
        String box = newMailbox();
        List<Long> uids = new ArrayList<>();
        try (OtherClient c = server().otherClient()) {
            for (int i = 0; i < 60; i++) {
                String[] flags = i % 3 == 0 ? new String[] { "\\Seen", "$Label1" } : i % 3 == 1
                        ? new String[] { "\\Flagged" } : new String[0];
                uids.add(c.append(box, MessageFactory.simple("m" + i, "b" + i), flags));
            }
        }
        try (ImapSession s = open()) {
            s.select(MailboxName.of(box), SelectOptions.PLAIN, MessageSink.NONE, null);
            Collect sink = new Collect();
            long before = s.counters().commands();
            UidSet window = UidSet.range(uids.get(0), uids.get(59) + 1000);
            s.fetch(window, FetchSpec.FLAGS, sink, null);
            assertEquals(1, s.counters().commands() - before, "one command for the window");
            assertEquals(set(uids), sink.uids());
            for (int i = 0; i < 60; i++) {
                Flags f = sink.byUid().get(uids.get(i)).flags();
                assertEquals(i % 3 == 0, f.has(SystemFlag.SEEN), "message " + i);
                assertEquals(i % 3 == 0, f.hasKeyword("$Label1"), "message " + i);
                assertEquals(i % 3 == 1, f.has(SystemFlag.FLAGGED), "message " + i);
            }
            Collect part = new Collect();
            s.fetch(UidSet.range(uids.get(10), uids.get(19)), FetchSpec.FLAGS, part, null);
            assertEquals(set(uids.subList(10, 20)), part.uids(), "exactly the window");
            Collect empty = new Collect();
            s.fetch(UidSet.range(uids.get(59) + 1, uids.get(59) + 50), FetchSpec.FLAGS, empty, null);
            assertTrue(empty.messages.isEmpty(), "no message above the last UID, even though n:* would match one");
        }
    }

    @Test
    public void fetchReturnsEveryItem() throws Exception {
        String box = newMailbox();
        byte[] message = ("From: Alice <alice@example.com>\r\nTo: bob@example.com\r\nSubject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?="
                + "\r\nMessage-ID: <tck-1@example.com>\r\nDate: Mon, 01 Jan 2024 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nHello\r\nWorld\r\n").getBytes(StandardCharsets.UTF_8);
        long uid;
        try (OtherClient c = server().otherClient()) {
            uid = c.append(box, message, "\\Seen");
        }
        try (ImapSession s = open()) {
            s.select(MailboxName.of(box), SelectOptions.CONDSTORE, MessageSink.NONE, null);
            Collect sink = new Collect();
            FetchSpec spec = FetchSpec.of(FetchItem.FLAGS, FetchItem.MODSEQ, FetchItem.SIZE, FetchItem.INTERNALDATE,
                    FetchItem.ENVELOPE, FetchItem.BODYSTRUCTURE, FetchItem.EMAILID, FetchItem.HEADER, FetchItem.BODY)
                    .withHeaderFields("Message-ID", "Subject");
            s.fetch(UidSet.of(uid), spec, sink, null);
            assertEquals(1, sink.messages.size());
            FetchedMessage m = sink.messages.get(0);
            assertEquals(uid, m.uid());
            assertEquals(1, m.seq());
            assertEquals(Flags.SEEN, m.flags());
            assertEquals(s.capabilities().condstore(), m.modSeq() > 0);
            if (server().reportsExactSizes()) {
                assertEquals(message.length, m.size());
            } else {
                assertTrue(m.size() > 0);
            }
            assertNotNull(m.internalDate());
            assertEquals("Grüße", m.envelope().subject());
            assertEquals("<tck-1@example.com>", m.messageId());
            assertEquals("alice@example.com", m.envelope().firstFrom().email());
            assertEquals("Alice", m.envelope().firstFrom().name());
            assertEquals(Instant.parse("2024-01-01T10:00:00Z"), m.envelope().date());
            assertTrue(m.bodyStructure().toUpperCase().contains("\"TEXT\" \"PLAIN\""), m.bodyStructure());
            assertArrayEquals(message, m.body());
            String header = new String(m.header(), StandardCharsets.UTF_8);
            assertTrue(header.startsWith("From: Alice") && header.contains("Message-ID: <tck-1@example.com>")
                    && !header.contains("Hello"), header);
            String fields = new String(m.headerFields(), StandardCharsets.UTF_8);
            assertTrue(fields.contains("Message-ID: <tck-1@example.com>") && !fields.contains("From:"), fields);
            if (s.capabilities().objectId()) {
                assertNotNull(m.emailId());
            } else {
                assertNull(m.emailId());
            }
            assertEquals(Flags.SEEN, snapshot(box).flagsOf(uid), "BODY.PEEK does not set \\Seen");
        }
    }

    @Test
    public void fetchBySequenceNumbersFindsTheUidAtEachPosition() throws Exception {
        String box = newMailbox();
        List<Long> uids = append(box, 5);
        try (OtherClient c = server().otherClient()) {
            c.expunge(box, UidSet.of(uids.get(1)));
        }
        try (ImapSession s = open()) {
            s.select(MailboxName.of(box), SelectOptions.PLAIN, MessageSink.NONE, null);
            Collect sink = new Collect();
            s.fetchSequences(UidSet.of(2, 4, 9), FetchSpec.FLAGS, sink, null);
            Map<Long, Long> uidAt = new HashMap<>();
            sink.messages.forEach(m -> uidAt.put(m.seq(), m.uid()));
            assertEquals(Map.of(2L, uids.get(2), 4L, uids.get(4)), uidAt, "sequence numbers have no holes");
        }
    }

    @Test
    public void changedSinceReturnsOnlyChangedMessagesAndVanishedWhereOffered() throws Exception {
        String box = newMailbox();
        List<Long> uids = append(box, 5);
        try (ImapSession s = open()) {
            SelectResult sel = s.select(MailboxName.of(box), SelectOptions.CONDSTORE, MessageSink.NONE, null);
            UidSet all = UidSet.range(1, uids.get(4));
            if (!s.capabilities().condstore()) {
                assertRefused(ImapError.CAPABILITY_MISSING,
                        () -> s.fetch(all, FetchSpec.FLAGS.changedSince(1), MessageSink.NONE, null));
                return;
            }
            try (OtherClient c = server().otherClient()) {
                c.addFlags(box, UidSet.of(uids.get(3)), "\\Answered");
                c.expunge(box, UidSet.of(uids.get(0)));
            }
            s.noop(null);
            Collect changed = new Collect();
            s.fetch(all, FetchSpec.of(FetchItem.FLAGS, FetchItem.MODSEQ).changedSince(sel.highestModSeq()), changed,
                    null);
            assertEquals(UidSet.of(uids.get(3)), changed.uids());
            assertTrue(changed.messages.get(0).flags().has(SystemFlag.ANSWERED));
            if (s.capabilities().qresync()) {
                Collect withVanished = new Collect();
                s.fetch(all, FetchSpec.FLAGS.changedSinceWithVanished(sel.highestModSeq()), withVanished, null);
                assertEquals(UidSet.of(uids.get(0)), withVanished.vanishedUids());
            } else {
                assertRefused(ImapError.CAPABILITY_MISSING,
                        () -> s.fetch(all, FetchSpec.FLAGS.changedSinceWithVanished(1), MessageSink.NONE, null));
            }
        }
    }

    // ---------------------------------------------------------------------------------------- search, store

    @Test
    public void searchFindsUidsWithinExplicitBounds() throws Exception {
        String box = newMailbox();
        List<Long> uids = append(box, 6);
        try (OtherClient c = server().otherClient()) {
            c.addFlags(box, UidSet.of(uids.get(1), uids.get(4)), "\\Deleted");
        }
        try (ImapSession s = open()) {
            s.select(MailboxName.of(box), SelectOptions.PLAIN, MessageSink.NONE, null);
            assertEquals(set(uids), s.search(SearchKey.all(), null));
            assertEquals(UidSet.of(uids.get(1), uids.get(4)), s.search(new SearchKey.Deleted(), null));
            assertEquals(UidSet.of(uids.get(4)), s.search(SearchKey.and(new SearchKey.Deleted(),
                    SearchKey.uids(UidSet.range(uids.get(2), uids.get(5)))), null));
            assertEquals(UidSet.of(uids.get(3)), s.search(SearchKey.header("Subject", "message 3"), null));
            assertTrue(s.search(SearchKey.uids(UidSet.range(uids.get(5) + 1, uids.get(5) + 100)), null).isEmpty(),
                    "no message above the last UID");
        }
    }

    @Test
    public void storeAddsAndRemovesFlagsAndKeywords() throws Exception {
        String box = newMailbox();
        List<Long> uids = append(box, 3);
        try (ImapSession s = open()) {
            s.select(MailboxName.of(box), SelectOptions.CONDSTORE, MessageSink.NONE, null);
            Flags add = new Flags(Set.of(SystemFlag.SEEN, SystemFlag.FLAGGED), Set.of("$Work", "todo"));
            Collect sink = new Collect();
            StoreResult r = s.store(set(uids), FlagOperation.ADD, add, 0, sink, null);
            assertTrue(r.modified().isEmpty());
            assertEquals(set(uids), sink.uids(), "the new flags come back");
            assertTrue(sink.messages.get(0).flags().hasKeyword("$Work"));
            s.store(UidSet.of(uids.get(1)), FlagOperation.REMOVE, new Flags(Set.of(SystemFlag.FLAGGED), Set.of("todo")),
                    0, MessageSink.NONE, null);
            MailboxSnapshot snap = snapshot(box);
            assertTrue(snap.flagsOf(uids.get(0)).sameAs(add));
            assertTrue(snap.flagsOf(uids.get(1)).sameAs(new Flags(Set.of(SystemFlag.SEEN), Set.of("$Work"))));
        }
    }

    @Test
    public void conditionalStoreReportsMessagesChangedSince() throws Exception {
        String box = newMailbox();
        List<Long> uids = append(box, 4);
        try (ImapSession s = open()) {
            SelectResult sel = s.select(MailboxName.of(box), SelectOptions.CONDSTORE, MessageSink.NONE, null);
            if (!s.capabilities().condstore()) {
                assertRefused(ImapError.CAPABILITY_MISSING, () -> s.store(set(uids), FlagOperation.ADD, Flags.SEEN, 1,
                        MessageSink.NONE, null));
                return;
            }
            try (OtherClient c = server().otherClient()) {
                c.addFlags(box, UidSet.of(uids.get(2)), "$Other");
            }
            StoreResult r = s.store(set(uids), FlagOperation.ADD, Flags.SEEN, sel.highestModSeq(), MessageSink.NONE,
                    null);
            assertEquals(UidSet.of(uids.get(2)), r.modified());
            MailboxSnapshot snap = snapshot(box);
            assertFalse(snap.flagsOf(uids.get(2)).has(SystemFlag.SEEN), "a modified message is not stored");
            assertTrue(snap.flagsOf(uids.get(0)).has(SystemFlag.SEEN));
        }
    }

    @Test
    public void uidExpungeRemovesExactlyTheGivenUids() throws Exception {
        String box = newMailbox();
        List<Long> uids = append(box, 4);
        try (OtherClient c = server().otherClient()) {
            c.addFlags(box, UidSet.of(uids.get(3)), "\\Deleted"); // another client's deletion
        }
        try (ImapSession s = open()) {
            s.select(MailboxName.of(box), SelectOptions.PLAIN, MessageSink.NONE, null);
            if (!s.capabilities().uidplus()) {
                assertRefused(ImapError.CAPABILITY_MISSING, () -> s.expunge(UidSet.of(uids.get(0)), null));
                return;
            }
            UidSet mine = UidSet.of(uids.get(0), uids.get(1));
            s.store(mine, FlagOperation.ADD, Flags.of(SystemFlag.DELETED), 0, MessageSink.NONE, null);
            assertEquals(mine, s.expunge(mine.union(UidSet.of(uids.get(2))), null));
            assertEquals(UidSet.of(uids.get(2), uids.get(3)), snapshot(box).uids(),
                    "the other client's \\Deleted message stays");
        }
    }

    // ---------------------------------------------------------------------------------------- copy, move, append

    @Test
    public void copyAndMoveMapSourceUidsToTargetUids() throws Exception {
        String from = newMailbox();
        String to = newMailbox();
        List<Long> uids = append(from, 4);
        try (ImapSession s = open()) {
            s.select(MailboxName.of(from), SelectOptions.PLAIN, MessageSink.NONE, null);
            Optional<CopyUid> copied = s.copy(UidSet.of(uids.get(0), uids.get(1)), MailboxName.of(to), null);
            MailboxSnapshot target = snapshot(to);
            assertEquals(2, target.exists());
            if (s.capabilities().uidplus() && server().returnsCopyUid()) {
                CopyUid c = copied.orElseThrow();
                assertEquals(target.uidValidity(), c.targetUidValidity());
                assertEquals(target.uids(), c.target());
            }
            if (!s.capabilities().move()) {
                assertRefused(ImapError.CAPABILITY_MISSING, () -> s.move(UidSet.of(uids.get(2)), MailboxName.of(to),
                        null));
                return;
            }
            events.clear();
            Optional<CopyUid> moved = s.move(UidSet.of(uids.get(2), uids.get(3)), MailboxName.of(to), null);
            assertEquals(UidSet.of(uids.get(0), uids.get(1)), snapshot(from).uids());
            assertEquals(4, snapshot(to).exists());
            if (s.capabilities().uidplus() && server().returnsCopyUid()) {
                assertEquals(UidSet.of(uids.get(2), uids.get(3)), moved.orElseThrow().source());
            }
            assertFalse(events.isEmpty(), "the moved messages' expunges reach the listener");
            assertRefused(ImapError.MAILBOX_MISSING, () -> s.copy(UidSet.of(uids.get(0)),
                    MailboxName.of(to + "-missing"), null));
        }
    }

    @Test
    public void appendStoresTheMessageWithFlagsAndDate() throws Exception {
        String box = newMailbox();
        byte[] message = MessageFactory.simple("appended", "hello");
        Instant date = Instant.parse("2023-05-06T07:08:09Z");
        try (ImapSession s = open()) {
            Optional<AppendUid> a = s.append(MailboxName.of(box), new Flags(Set.of(SystemFlag.SEEN), Set.of("$Sent")),
                    date, message, null);
            MailboxSnapshot snap = snapshot(box);
            assertEquals(1, snap.exists());
            long uid = snap.uids().first();
            if (s.capabilities().uidplus()) {
                assertEquals(new AppendUid(snap.uidValidity(), uid), a.orElseThrow());
            }
            assertTrue(snap.flagsOf(uid).hasKeyword("$Sent"));
            s.select(MailboxName.of(box), SelectOptions.PLAIN, MessageSink.NONE, null);
            Collect sink = new Collect();
            s.fetch(UidSet.of(uid), FetchSpec.of(FetchItem.INTERNALDATE, FetchItem.BODY), sink, null);
            assertEquals(date, sink.messages.get(0).internalDate());
            assertArrayEquals(message, sink.messages.get(0).body());
            assertRefused(ImapError.MAILBOX_MISSING, () -> s.append(MailboxName.of(box + "-missing"), Flags.EMPTY,
                    null, message, null));
        }
    }

    // ---------------------------------------------------------------------------------------- events, idle

    @Test
    public void anotherClientsChangesReachTheListenerOnNoop() throws Exception {
        String box = newMailbox();
        List<Long> uids = append(box, 3);
        try (ImapSession s = open()) {
            s.select(MailboxName.of(box), SelectOptions.PLAIN, MessageSink.NONE, null);
            try (OtherClient c = server().otherClient()) {
                c.append(box, MessageFactory.simple("new", "x"));
                c.expunge(box, UidSet.of(uids.get(0)));
                c.addFlags(box, UidSet.of(uids.get(2)), "\\Flagged");
            }
            s.noop(null);
            assertTrue(events.stream().anyMatch(e -> e instanceof ServerEvent.Exists x && x.count() >= 3), events.toString());
            assertTrue(events.stream().anyMatch(e -> e instanceof ServerEvent.Expunge
                    || e instanceof ServerEvent.Vanished v && v.uids().contains(uids.get(0))), events.toString());
            assertTrue(events.stream().anyMatch(e -> e instanceof ServerEvent.FlagsChanged f
                    && f.message().flags() != null && f.message().flags().has(SystemFlag.FLAGGED)), events.toString());
        }
    }

    @Test
    public void idleDeliversAnotherClientsAppend() throws Exception {
        String box = newMailbox();
        append(box, 1);
        try (ImapSession s = open()) {
            s.select(MailboxName.of(box), SelectOptions.PLAIN, MessageSink.NONE, null);
            if (!s.capabilities().idle()) {
                assertRefused(ImapError.CAPABILITY_MISSING, () -> s.idle(e -> false, LONG, LONG, null));
                return;
            }
            List<ServerEvent> seen = Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                append(box, 1);
            });
            IdleEnd end = s.idle(e -> {
                seen.add(e);
                return !(e instanceof ServerEvent.Exists);
            }, LONG, LONG, null);
            other.get();
            assertEquals(IdleEnd.LISTENER, end);
            assertTrue(seen.contains(new ServerEvent.Exists(2)), seen.toString());
            s.noop(null);
            assertTrue(s.isOpen(), "out of IDLE and usable");
        }
    }

    @Test
    public void wakeUpEndsIdleFromAnotherThread() throws Exception {
        String box = newMailbox();
        try (ImapSession s = open()) {
            s.select(MailboxName.of(box), SelectOptions.PLAIN, MessageSink.NONE, null);
            if (!s.capabilities().idle()) {
                assertRefused(ImapError.CAPABILITY_MISSING, () -> s.idle(e -> true, LONG, LONG, null));
                return;
            }
            CompletableFuture<Void> waker = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                s.wakeUp();
            });
            assertEquals(IdleEnd.WOKEN, s.idle(e -> true, LONG, LONG, null));
            waker.get();
            s.noop(null);
        }
    }
}
