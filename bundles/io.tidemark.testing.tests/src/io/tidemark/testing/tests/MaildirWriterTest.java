/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.testing.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.tidemark.model.SystemFlag;
import io.tidemark.testing.DovecotServer;
import io.tidemark.testing.MailboxSnapshot;
import io.tidemark.testing.MaildirWriter;
import io.tidemark.testing.MessageFactory;
import io.tidemark.testing.OtherClient;

/** Proves that messages written straight into the maildir are what Dovecot then serves. */
class MaildirWriterTest {

    @Test
    void messagesWrittenBeforeTheFirstLoginAreVisibleWithTheirCountAndFlags() {
        try (DovecotServer dovecot = DovecotServer.start()) {
            MaildirWriter.Result r = dovecot.maildirWriter().write("INBOX", 500, new MessageFactory(11));
            assertEquals(500, r.messages());
            try (OtherClient other = dovecot.otherClient()) {
                MailboxSnapshot snap = other.snapshot("INBOX");
                assertEquals(500, snap.exists());
                assertEquals(500, snap.uids().size());
                assertEquals(r.count(SystemFlag.SEEN), snap.uidsWith("\\Seen").size());
                assertEquals(r.count(SystemFlag.ANSWERED), snap.uidsWith("\\Answered").size());
                assertEquals(r.count(SystemFlag.FLAGGED), snap.uidsWith("\\Flagged").size());
                assertEquals(0, snap.uidsWith("\\Deleted").size());
                assertTrue(r.count(SystemFlag.SEEN) > 300 && r.count(SystemFlag.SEEN) < 450,
                        "about 75 % seen: " + r.flagCounts());
                OtherClient.Response size = other.execute("FETCH 1:* (RFC822.SIZE)");
                long total = size.untagged().stream().mapToLong(l -> Long.parseLong(l.replaceAll(".*RFC822.SIZE (\\d+).*", "$1")))
                        .sum();
                assertEquals(r.bytes(), total, "S= and W= in the file names match the content");
            }
        }
    }

    @Test
    void uidsFollowTheOrderOfWriting() {
        try (DovecotServer dovecot = DovecotServer.start()) {
            MessageFactory oracle = new MessageFactory(12);
            List<String> ids = Stream.generate(oracle::next).limit(50).map(MessageFactory.Message::messageId).toList();
            dovecot.maildirWriter().write("INBOX", 50, new MessageFactory(12));
            try (OtherClient other = dovecot.otherClient()) {
                other.execute("EXAMINE INBOX");
                OtherClient.Response r = other.execute("UID FETCH 1:* (UID BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])");
                assertTrue(r.isOk(), r.all());
                List<String> fetched = r.untagged().stream().filter(l -> l.contains("FETCH"))
                        .map(l -> l.replaceAll("(?s).*Message-ID: (<[^>]+>).*", "$1")).toList();
                assertEquals(ids, fetched);
            }
        }
    }

    @Test
    void messagesWrittenWhileDovecotRunsAppearOnTheNextSelect() {
        try (DovecotServer dovecot = DovecotServer.start(); OtherClient other = dovecot.otherClient()) {
            long first = other.append("INBOX", MessageFactory.simple("by imap", "x"));
            MailboxSnapshot before = other.snapshot("INBOX");
            dovecot.maildirWriter().write("INBOX", 20, new MessageFactory(13), i -> EnumSet.of(SystemFlag.FLAGGED));
            MailboxSnapshot after = other.snapshot("INBOX");
            assertEquals(21, after.exists());
            assertEquals(before.uidValidity(), after.uidValidity());
            assertEquals(first, after.uids().first());
            assertEquals(20, after.uidsWith("\\Flagged").size());
            assertEquals(before.uidNext() + 20, after.uidNext());
        }
    }

    @Test
    void createdFoldersAreSubscribedMailboxesWithTheirMessages() throws IOException {
        try (DovecotServer dovecot = DovecotServer.start()) {
            MaildirWriter writer = dovecot.maildirWriter();
            List<MaildirWriter.Result> results = writer.createFolders("Folder", 3, 40, new MessageFactory(14));
            writer.write("Archive/2023", 5, new MessageFactory(15));
            writer.write("Entwürfe", 2, new MessageFactory(16));
            assertEquals(3, results.size());
            try (OtherClient other = dovecot.otherClient()) {
                for (String name : List.of("Folder01", "Folder02", "Folder03")) {
                    assertEquals(40, other.snapshot(name).exists(), name);
                }
                assertEquals(5, other.snapshot("Archive/2023").exists());
                assertEquals(2, other.snapshot("Entwürfe").exists());
                assertTrue(other.listSubscribed().containsAll(List.of("Folder01", "Folder03", "Archive/2023", "Entwürfe")),
                        other.listSubscribed().toString());
            }
            if (dovecot.mailUid() != 0) {
                Path any = Files.list(dovecot.maildir("Folder02").resolve("cur")).findFirst().orElseThrow();
                assertEquals(dovecot.mailUid(), Files.getAttribute(any, "unix:uid"));
                assertEquals(dovecot.mailGid(), Files.getAttribute(any, "unix:gid"));
            }
        }
    }

    @Test
    void namesTheMaildirLayoutCannotStoreAreRefused() {
        try (DovecotServer dovecot = DovecotServer.start()) {
            MaildirWriter writer = dovecot.maildirWriter();
            assertThrows(IllegalArgumentException.class, () -> writer.createMailbox("a.b"));
            assertThrows(IllegalArgumentException.class, () -> writer.createMailbox("/abs"));
        }
    }
}
