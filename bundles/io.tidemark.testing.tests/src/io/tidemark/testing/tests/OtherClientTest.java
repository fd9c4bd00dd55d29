/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.testing.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.tidemark.model.SystemFlag;
import io.tidemark.model.UidSet;
import io.tidemark.testing.CapabilityProfile;
import io.tidemark.testing.DovecotServer;
import io.tidemark.testing.GreenMailServer;
import io.tidemark.testing.ImapCommandException;
import io.tidemark.testing.MailboxSnapshot;
import io.tidemark.testing.MessageFactory;
import io.tidemark.testing.OtherClient;

/**
 * Proves every {@link OtherClient} operation by looking at the result through a second connection, on
 * Dovecot with all extensions, Dovecot without UIDPLUS and MOVE (the fallback paths), and GreenMail.
 */
class OtherClientTest {

    /** One server under test, as the OtherClient sees it. */
    record Server(String name, AutoCloseable fixture, String host, int port, String user, String password, char separator)
            implements AutoCloseable {

        OtherClient client() {
            return OtherClient.connect(host, port, user, password);
        }

        @Override
        public void close() throws Exception {
            fixture.close();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> servers() {
        Supplier<Server> full = () -> dovecot("Dovecot FULL", DovecotServer.start());
        Supplier<Server> bare = () -> dovecot("Dovecot PLAIN without UIDPLUS and MOVE", DovecotServer.builder()
                .profile(CapabilityProfile.PLAIN).withoutCapabilities("UIDPLUS", "MOVE").start());
        Supplier<Server> greenMail = () -> {
            GreenMailServer g = GreenMailServer.start();
            return new Server("GreenMail", g, g.host(), g.port(), g.user(), g.password(), GreenMailServer.SEPARATOR);
        };
        return Stream.of(Arguments.of(named(full, "Dovecot FULL")),
                Arguments.of(named(bare, "Dovecot PLAIN without UIDPLUS and MOVE")),
                Arguments.of(named(greenMail, "GreenMail")));
    }

    private static org.junit.jupiter.api.Named<Supplier<Server>> named(Supplier<Server> s, String name) {
        return org.junit.jupiter.api.Named.of(name, s);
    }

    private static Server dovecot(String name, DovecotServer d) {
        return new Server(name, d, d.host(), d.port(), d.user(), d.password(), DovecotServer.SEPARATOR);
    }

    @ParameterizedTest
    @MethodSource("servers")
    void appendReturnsTheUidThatASecondConnectionSeesWithItsFlags(Supplier<Server> start) throws Exception {
        try (Server server = start.get(); OtherClient other = server.client(); OtherClient check = server.client()) {
            MessageFactory f = new MessageFactory(7);
            long u1 = other.append("INBOX", f.next().bytes());
            long u2 = other.append("INBOX", f.next().bytes(), "\\Seen", "\\Flagged");
            long u3 = other.append("INBOX", f.next().bytes(), "$Work");
            assertTrue(u1 < u2 && u2 < u3, u1 + " " + u2 + " " + u3);
            MailboxSnapshot snap = check.snapshot("INBOX");
            assertEquals(UidSet.of(u1, u2, u3), snap.uids());
            assertEquals(3, snap.exists());
            assertTrue(snap.uidNext() > u3);
            assertTrue(snap.uidValidity() > 0);
            assertEquals(Set.of(), snap.flags().get(u1));
            assertEquals(Set.of("\\Seen", "\\Flagged"), snap.flags().get(u2));
            assertTrue(snap.flagsOf(u3).hasKeyword("$Work"), snap.flags().toString());
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void addedAndRemovedFlagsAndKeywordsAreVisibleToASecondConnection(Supplier<Server> start) throws Exception {
        try (Server server = start.get(); OtherClient other = server.client(); OtherClient check = server.client()) {
            long u1 = other.append("INBOX", MessageFactory.simple("one", "1"), "\\Seen");
            long u2 = other.append("INBOX", MessageFactory.simple("two", "2"), "\\Seen");
            long u3 = other.append("INBOX", MessageFactory.simple("three", "3"));
            other.addFlags("INBOX", UidSet.of(u1, u2), "\\Flagged", "$Work");
            other.removeFlags("INBOX", List.of(u1), "\\Seen");
            MailboxSnapshot snap = check.snapshot("INBOX");
            assertFalse(snap.flagsOf(u1).has(SystemFlag.SEEN), snap.flags().toString());
            assertTrue(snap.flagsOf(u1).has(SystemFlag.FLAGGED), snap.flags().toString());
            assertTrue(snap.flagsOf(u1).hasKeyword("$Work"), snap.flags().toString());
            assertTrue(snap.flagsOf(u2).has(SystemFlag.SEEN), snap.flags().toString());
            assertTrue(snap.flagsOf(u2).hasKeyword("$Work"), snap.flags().toString());
            assertTrue(snap.flagsOf(u3).isEmpty(), snap.flags().toString());
            assertEquals(UidSet.of(u1, u2), snap.uidsWith("$work"));
            other.setFlags("INBOX", UidSet.of(u2), "\\Answered");
            MailboxSnapshot replaced = check.snapshot("INBOX");
            assertEquals(Set.of(SystemFlag.ANSWERED), replaced.flagsOf(u2).system(), replaced.flags().toString());
            if (!server.name().equals("GreenMail")) {
                // GreenMail 2.1.8 keeps keywords on STORE FLAGS (a server bug); Dovecot replaces them too
                assertEquals(Set.of("\\Answered"), replaced.flags().get(u2));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void uidExpungeRemovesOnlyTheGivenMessagesNotOtherDeletedOnes(Supplier<Server> start) throws Exception {
        try (Server server = start.get(); OtherClient other = server.client(); OtherClient check = server.client()) {
            long u1 = other.append("INBOX", MessageFactory.simple("one", "1"));
            long u2 = other.append("INBOX", MessageFactory.simple("two", "2"));
            long u3 = other.append("INBOX", MessageFactory.simple("three", "3"), "\\Deleted");
            other.expunge("INBOX", UidSet.of(u1));
            MailboxSnapshot snap = check.snapshot("INBOX");
            assertEquals(UidSet.of(u2, u3), snap.uids());
            assertTrue(snap.flagsOf(u3).has(SystemFlag.DELETED));
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void expungeAllDeletedAlsoRemovesMessagesOthersMarkedDeleted(Supplier<Server> start) throws Exception {
        try (Server server = start.get(); OtherClient other = server.client(); OtherClient check = server.client()) {
            long u1 = other.append("INBOX", MessageFactory.simple("one", "1"));
            long u2 = other.append("INBOX", MessageFactory.simple("two", "2"));
            other.append("INBOX", MessageFactory.simple("three", "3"), "\\Deleted");
            other.expungeAllDeleted("INBOX", UidSet.of(u1));
            assertEquals(UidSet.of(u2), check.snapshot("INBOX").uids());
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void moveReturnsTheNewUidsAndTheMessagesLeaveTheSource(Supplier<Server> start) throws Exception {
        try (Server server = start.get(); OtherClient other = server.client(); OtherClient check = server.client()) {
            other.create("Target");
            long u1 = other.append("INBOX", MessageFactory.simple("one", "1"), "\\Seen");
            long u2 = other.append("INBOX", MessageFactory.simple("two", "2"));
            long u3 = other.append("INBOX", MessageFactory.simple("three", "3"));
            SortedMap<Long, Long> moved = other.move("INBOX", UidSet.of(u1, u3), "Target");
            assertEquals(Set.of(u1, u3), moved.keySet());
            assertEquals(UidSet.of(u2), check.snapshot("INBOX").uids());
            MailboxSnapshot target = check.snapshot("Target");
            assertEquals(UidSet.of(moved.get(u1), moved.get(u3)), target.uids());
            assertTrue(target.flagsOf(moved.get(u1)).has(SystemFlag.SEEN), target.flags().toString());
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void copyKeepsTheSourceAndReturnsTheNewUids(Supplier<Server> start) throws Exception {
        try (Server server = start.get(); OtherClient other = server.client(); OtherClient check = server.client()) {
            other.create("Copies");
            long u1 = other.append("INBOX", MessageFactory.simple("one", "1"));
            long u2 = other.append("INBOX", MessageFactory.simple("two", "2"));
            SortedMap<Long, Long> copied = other.copy("INBOX", UidSet.of(u1, u2), "Copies");
            assertEquals(UidSet.of(u1, u2), check.snapshot("INBOX").uids());
            assertEquals(UidSet.of(copied.get(u1), copied.get(u2)), check.snapshot("Copies").uids());
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void mailboxesAreCreatedRenamedSubscribedAndDeletedIncludingNonAsciiNames(Supplier<Server> start) throws Exception {
        try (Server server = start.get(); OtherClient other = server.client(); OtherClient check = server.client()) {
            String child = "Projects" + server.separator() + "2024";
            other.create("Projects");
            other.create(child);
            other.create("Entwürfe");
            other.subscribe("Entwürfe");
            assertTrue(check.list().containsAll(List.of("Projects", child, "Entwürfe")), check.list().toString());
            assertTrue(check.listSubscribed().contains("Entwürfe"), check.listSubscribed().toString());
            other.rename("Entwürfe", "Brouillons été");
            assertTrue(check.list().contains("Brouillons été"), check.list().toString());
            assertFalse(check.list().contains("Entwürfe"), check.list().toString());
            other.append("Brouillons été", MessageFactory.simple("draft", "x"), "\\Draft");
            assertEquals(1, check.snapshot("Brouillons été").exists());
            other.subscribe("Projects");
            assertTrue(check.listSubscribed().contains("Projects"), check.listSubscribed().toString());
            other.unsubscribe("Projects");
            assertFalse(check.listSubscribed().contains("Projects"), check.listSubscribed().toString());
            other.delete(child);
            assertFalse(check.list().contains(child), check.list().toString());
            ImapCommandException e = assertThrows(ImapCommandException.class, () -> other.snapshot(child));
            assertEquals("NO", e.status());
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void literalsInResponsesAreReadIntoTheResponseLine(Supplier<Server> start) throws Exception {
        try (Server server = start.get(); OtherClient other = server.client()) {
            long uid = other.append("INBOX", MessageFactory.simple("Literal test", "body line\nsecond line"));
            other.execute("SELECT INBOX");
            OtherClient.Response r = other.execute("UID FETCH " + uid + " (UID BODY.PEEK[TEXT])");
            assertTrue(r.isOk(), r.all());
            String fetch = r.untagged().stream().filter(l -> l.contains("FETCH")).findFirst().orElseThrow();
            // GreenMail answers with bare LF line ends inside the literal; the literal is read either way
            assertTrue(fetch.matches("(?s).*BODY\\[TEXT] \\{\\d+}\r\nbody line\r?\nsecond line\r?\n?\\)"), fetch);
            assertTrue(fetch.endsWith(")"), "the line continues after the literal: " + fetch);
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void appendWithAnInternalDateGivesTheMessageThatDate(Supplier<Server> start) throws Exception {
        try (Server server = start.get(); OtherClient other = server.client()) {
            long uid = other.append("INBOX", MessageFactory.simple("dated", "x"), Instant.parse("2021-03-04T05:06:07Z"),
                    "\\Seen");
            other.execute("EXAMINE INBOX");
            OtherClient.Response r = other.execute("UID FETCH " + uid + " (UID INTERNALDATE FLAGS)");
            assertTrue(r.isOk(), r.all());
            assertTrue(r.all().contains("INTERNALDATE \"04-Mar-2021 05:06:07 +0000\""), r.all());
            assertTrue(r.all().contains("\\Seen"), r.all());
        }
    }

    @Test
    void snapshotHighestModSeqGrowsWithEveryChangeOnACondstoreServer() {
        try (DovecotServer dovecot = DovecotServer.start(); OtherClient other = dovecot.otherClient();
                OtherClient check = dovecot.otherClient()) {
            long uid = other.append("INBOX", MessageFactory.simple("m", "x"));
            long m1 = check.snapshot("INBOX").highestModSeq();
            other.addFlags("INBOX", UidSet.of(uid), "\\Seen");
            long m2 = check.snapshot("INBOX").highestModSeq();
            assertTrue(m1 > 0, "HIGHESTMODSEQ " + m1);
            assertTrue(m2 > m1, m1 + " -> " + m2);
        }
    }

    @Test
    void snapshotHasNoModSeqWhenTheServerDoesNotAdvertiseCondstore() {
        try (GreenMailServer greenMail = GreenMailServer.start(); OtherClient other = greenMail.otherClient()) {
            other.append("INBOX", MessageFactory.simple("m", "x"));
            assertEquals(0, other.snapshot("INBOX").highestModSeq());
        }
    }
}
