/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.CodedStatus;
import io.tidemark.model.Flags;
import io.tidemark.model.MailboxName;
import io.tidemark.model.SystemFlag;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.JournalEntry;
import io.tidemark.sync.api.SyncRequest;
import io.tidemark.sync.api.SyncResult;
import io.tidemark.testing.MailboxSnapshot;
import io.tidemark.testing.MessageFactory;

/**
 * Local-to-server sync against one real server: every local operation reaches the server exactly once, in
 * order, online and after being made offline; conflicts follow the per-flag merge rule.
 */
abstract class LocalChangesContract extends EngineTestBase {

    LocalChangesService local() {
        return new LocalChangesService(store);
    }

    @Test
    void markReadFlagAndKeywordReachTheServer() throws CoreException {
        List<Long> uids = append("INBOX", 4);
        sync();
        local().setFlags(ref("INBOX"), UidSet.of(uids.get(0), uids.get(1)), Flags.SEEN, Flags.EMPTY);
        local().setFlags(ref("INBOX"), UidSet.of(uids.get(2)), Flags.parse("\\Flagged $Work"), Flags.EMPTY);
        assertTrue(store.message(ref("INBOX"), uids.get(0)).orElseThrow().flags().has(SystemFlag.SEEN),
                "the replica shows the change at once");
        assertEquals(2, local().pending(account.id()).size());
        SyncResult r = sync();
        assertEquals(2, report(r, "INBOX").replayed());
        assertTrue(local().pending(account.id()).isEmpty());
        MailboxSnapshot s = other.snapshot("INBOX");
        assertTrue(s.flagsOf(uids.get(0)).has(SystemFlag.SEEN));
        assertTrue(s.flagsOf(uids.get(1)).has(SystemFlag.SEEN));
        assertTrue(s.flagsOf(uids.get(2)).hasKeyword("$Work"));
        local().setFlags(ref("INBOX"), UidSet.of(uids.get(0)), Flags.EMPTY, Flags.SEEN);
        sync();
        assertFalse(other.snapshot("INBOX").flagsOf(uids.get(0)).has(SystemFlag.SEEN), "mark unread");
        assertConverged("INBOX");
    }

    @Test
    void deleteExpungesExactlyTheUsersMessages() throws CoreException {
        List<Long> uids = append("INBOX", 4);
        sync();
        // another client marked a message \Deleted without expunging: it must survive (I4)
        other.addFlags("INBOX", List.of(uids.get(3)), "\\Deleted");
        local().delete(ref("INBOX"), UidSet.of(uids.get(0)));
        assertTrue(store.message(ref("INBOX"), uids.get(0)).orElseThrow().hidden());
        assertEquals(3, store.counts(ref("INBOX")).messages(), "hidden at once");
        sync();
        MailboxSnapshot s = other.snapshot("INBOX");
        if (serverHasUidplus()) {
            assertFalse(s.flags().containsKey(uids.get(0)));
        } else {
            assertTrue(s.flagsOf(uids.get(0)).has(SystemFlag.DELETED), "without UIDPLUS only the flag is set");
        }
        assertTrue(s.flags().containsKey(uids.get(3)), "another client's \\Deleted message is not expunged");
    }

    @Test
    void moveIsRelinkedWithoutDownloadingAgain() throws CoreException {
        other.create("Archive");
        List<Long> uids = append("INBOX", 3);
        sync();
        byte[] header = store.content(ref("INBOX"), uids.get(1)).orElseThrow().header();
        local().move(ref("INBOX"), UidSet.of(uids.get(1)), MailboxName.of("Archive"));
        SyncResult r = sync();
        assertEquals(0, report(r, "Archive").added(), "relinked from COPYUID or by identity, not downloaded");
        assertConverged("INBOX", "Archive");
        long moved = store.uids(ref("Archive")).first();
        assertArrayEquals(header, store.content(ref("Archive"), moved).orElseThrow().header());
    }

    @Test
    void appendReachesTheServerOnceAndIsNotDownloadedAgain() throws CoreException {
        sync();
        byte[] msg = MessageFactory.simple("draft", "hello");
        local().append(ref("INBOX"), msg, Flags.of(SystemFlag.DRAFT), Instant.parse("2026-01-02T03:04:05Z"));
        sync();
        sync();
        MailboxSnapshot s = other.snapshot("INBOX");
        assertEquals(1, s.exists(), "appended exactly once");
        assertTrue(s.flagsOf(s.uids().first()).has(SystemFlag.DRAFT));
        assertConverged("INBOX");
    }

    @Test
    void aFolderCreatedLocallyReachesTheServerSubscribed() throws CoreException {
        sync();
        local().createMailbox(ref("Projects"));
        assertTrue(store.mailbox(ref("Projects")).isPresent(), "shown at once");
        sync();
        assertTrue(other.list().contains("Projects"));
        assertTrue(other.listSubscribed().contains("Projects"));
        assertTrue(local().pending(account.id()).isEmpty());
    }

    @Test
    void changesMadeOfflineReplayInOrderWhenTheServerIsBack() throws CoreException {
        List<Long> uids = append("INBOX", 3);
        sync();
        AccountConfig offline = account.toBuilder().port(1).build(); // nothing listens on port 1
        local().setFlags(ref("INBOX"), UidSet.of(uids.get(0)), Flags.SEEN, Flags.EMPTY);
        local().setFlags(ref("INBOX"), UidSet.of(uids.get(0)), Flags.EMPTY, Flags.SEEN);
        local().setFlags(ref("INBOX"), UidSet.of(uids.get(1)), Flags.of(SystemFlag.FLAGGED), Flags.EMPTY);
        local().delete(ref("INBOX"), UidSet.of(uids.get(2)));
        CoreException e = assertThrows(CoreException.class,
                () -> engine.sync(SyncRequest.of(offline, server.credentials()), new NullProgressMonitor()));
        assertTrue(CodedStatus.isOffline(e.getStatus()), e.getStatus().toString());
        assertEquals(4, local().pending(account.id()).size(), "nothing lost while offline");
        sync();
        MailboxSnapshot s = other.snapshot("INBOX");
        assertFalse(s.flagsOf(uids.get(0)).has(SystemFlag.SEEN), "read then unread, in that order");
        assertTrue(s.flagsOf(uids.get(1)).has(SystemFlag.FLAGGED));
        assertTrue(local().pending(account.id()).isEmpty());
        assertConverged("INBOX");
    }

    /**
     * Conflicts: the user changes a flag locally while another client changes flags of the same message.
     * For the flag the user changed, the user's value wins; for the others, the server's.
     */
    static Stream<Arguments> conflicts() {
        return Stream.of(
                // initial, local add, local remove, remote add, remote remove, expected
                Arguments.of("", "\\Seen", "", "", "", "\\Seen"),
                Arguments.of("", "\\Seen", "", "\\Flagged", "", "\\Seen \\Flagged"),
                Arguments.of("\\Seen", "", "\\Seen", "\\Flagged", "", "\\Flagged"),
                Arguments.of("\\Seen", "", "\\Seen", "", "\\Seen", ""),
                Arguments.of("", "\\Seen", "", "\\Seen", "", "\\Seen"),
                Arguments.of("\\Flagged", "\\Seen", "", "", "\\Flagged", "\\Seen"),
                Arguments.of("$Work", "", "$Work", "$Home", "", "$Home"),
                Arguments.of("", "$Work", "", "\\Seen $Home", "", "$Work \\Seen $Home"),
                Arguments.of("\\Seen \\Flagged", "", "\\Flagged", "", "\\Seen", ""),
                Arguments.of("\\Seen", "\\Flagged", "\\Seen", "\\Answered", "\\Seen", "\\Flagged \\Answered"));
    }

    @ParameterizedTest
    @MethodSource("conflicts")
    void concurrentFlagChangesFollowTheMergeRule(String initial, String localAdd, String localRemove,
            String remoteAdd, String remoteRemove, String expected) throws CoreException {
        long uid = other.append("INBOX", messages.next().bytes());
        if (!initial.isEmpty()) {
            other.addFlags("INBOX", List.of(uid), initial.split(" "));
        }
        sync();
        local().setFlags(ref("INBOX"), UidSet.of(uid), Flags.parse(localAdd), Flags.parse(localRemove));
        if (!remoteAdd.isEmpty()) {
            other.addFlags("INBOX", List.of(uid), remoteAdd.split(" "));
        }
        if (!remoteRemove.isEmpty()) {
            other.removeFlags("INBOX", List.of(uid), remoteRemove.split(" "));
        }
        sync();
        Flags onServer = other.snapshot("INBOX").flagsOf(uid);
        assertTrue(onServer.sameAs(Flags.parse(expected)), "server has " + onServer + ", expected " + expected);
        assertConverged("INBOX");
    }

    boolean serverHasUidplus() {
        return other.hasCapability("UIDPLUS");
    }
}
