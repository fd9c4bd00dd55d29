/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.testing.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.FolderSelection;
import io.tidemark.model.Security;
import io.tidemark.testing.DovecotServer;
import io.tidemark.testing.ImapCommandException;
import io.tidemark.testing.MailboxSnapshot;
import io.tidemark.testing.MessageFactory;
import io.tidemark.testing.OtherClient;

/** Proves the Dovecot fixture's life cycle, isolation, accounts and server-side tools. */
class DovecotServerTest {

    @Test
    void closeEndsTheMasterAndEveryChildAndDeletesTheFolder() {
        DovecotServer dovecot = DovecotServer.start();
        long pid;
        List<Long> children;
        Path dir = dovecot.directory();
        try (OtherClient other = dovecot.otherClient()) {
            other.append("INBOX", MessageFactory.simple("hello", "world"));
            pid = dovecot.pid();
            children = ProcessHandle.of(pid).orElseThrow().descendants().map(ProcessHandle::pid).collect(Collectors.toList());
            System.out.println("Dovecot started in " + dovecot.startupTime().toMillis() + " ms with " + children.size()
                    + " child processes");
        } finally {
            long t0 = System.nanoTime();
            dovecot.close();
            System.out.println("Dovecot stopped in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }
        assertFalse(children.isEmpty(), "a running Dovecot has log, config, auth and login children");
        assertFalse(alive(pid), "master " + pid + " still alive");
        for (long child : children) {
            assertFalse(alive(child), "child " + child + " still alive");
        }
        assertFalse(dovecot.isRunning());
        assertFalse(Files.exists(dir), dir + " not deleted");
        dovecot.close(); // idempotent
    }

    @Test
    void portIsClosedAfterStop() throws IOException {
        int port;
        try (DovecotServer dovecot = DovecotServer.start()) {
            port = dovecot.port();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(dovecot.host(), port), 1000);
            }
        }
        int closedPort = port;
        assertThrows(IOException.class, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", closedPort), 1000);
            }
        });
    }

    @Test
    void twoInstancesRunSideBySideWithTheirOwnPortsPasswordsAndMail() {
        try (DovecotServer a = DovecotServer.start(); DovecotServer b = DovecotServer.builder().user("bob").start();
                OtherClient ca = a.otherClient(); OtherClient cb = b.otherClient()) {
            assertEquals("alice", a.user());
            assertEquals("bob", b.user());
            assertNotEquals(a.port(), b.port());
            assertNotEquals(a.password(), b.password());
            assertNotEquals(a.directory(), b.directory());
            ca.append("INBOX", MessageFactory.simple("only in a", "x"));
            assertEquals(1, ca.snapshot("INBOX").exists());
            assertEquals(0, cb.snapshot("INBOX").exists());
            assertTrue(Files.readString(a.configFile()).contains("instance_name = tidemark-"));
            assertNotEquals(instanceName(a), instanceName(b));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String instanceName(DovecotServer s) throws IOException {
        return Files.readAllLines(s.configFile()).stream().filter(l -> l.startsWith("instance_name")).findFirst().orElseThrow();
    }

    @Test
    void wrongPasswordIsRefusedWithoutEchoingIt() {
        try (DovecotServer dovecot = DovecotServer.start()) {
            ImapCommandException e = assertThrows(ImapCommandException.class,
                    () -> OtherClient.connect(dovecot.host(), dovecot.port(), dovecot.user(), "not-the-password"));
            assertEquals("NO", e.status());
            assertFalse(e.getMessage().contains("not-the-password"), e.getMessage());
            assertTrue(e.getMessage().contains(dovecot.user()), e.getMessage());
        }
    }

    @Test
    void accountDescribesAPlainLoopbackConnectionWithShortTimeouts() {
        try (DovecotServer dovecot = DovecotServer.start()) {
            AccountConfig account = dovecot.account("test");
            assertEquals("127.0.0.1", account.host());
            assertEquals(dovecot.port(), account.port());
            assertEquals(Security.NONE, account.security());
            assertTrue(account.allowInsecure());
            assertEquals(dovecot.user(), account.user());
            assertNull(account.pinnedCertificateSha256());
            assertEquals(FolderSelection.ALL, account.folders());
            assertTrue(account.readTimeout().getSeconds() <= 15);
            assertTrue(account.connectTimeout().getSeconds() <= 5);
            assertFalse(account.toString().contains(dovecot.password()));
            assertThrows(IllegalStateException.class, () -> dovecot.tlsAccount("x"), "no TLS without tls(true)");
        }
    }

    @Test
    void forceUidValidityChangesWhatANewSelectReports() {
        try (DovecotServer dovecot = DovecotServer.start(); OtherClient other = dovecot.otherClient()) {
            other.append("INBOX", MessageFactory.simple("a", "b"));
            long before = other.snapshot("INBOX").uidValidity();
            long wanted = before == 12345 ? 12346 : 12345;
            dovecot.forceUidValidity("INBOX", wanted);
            try (OtherClient fresh = dovecot.otherClient()) {
                MailboxSnapshot after = fresh.snapshot("INBOX");
                assertEquals(wanted, after.uidValidity());
                assertEquals(1, after.exists(), "the messages stay");
            }
        }
    }

    @Test
    void forceUidValidityOfAMissingMailboxFailsWithDoveadmsError() {
        try (DovecotServer dovecot = DovecotServer.start()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> dovecot.forceUidValidity("NoSuchBox", 99));
            assertTrue(e.getMessage().contains("doveadm"), e.getMessage());
            assertTrue(e.getMessage().contains("NoSuchBox"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> dovecot.forceUidValidity("INBOX", 0));
        }
    }

    @Test
    void doveadmActsOnTheMailOfThisInstance() {
        try (DovecotServer dovecot = DovecotServer.start(); OtherClient other = dovecot.otherClient()) {
            long uid = other.append("INBOX", MessageFactory.simple("flag me", "x"));
            dovecot.doveadm("flags", "add", "-u", dovecot.user(), "\\Flagged", "mailbox", "INBOX", "uid",
                    Long.toString(uid));
            assertTrue(other.snapshot("INBOX").flags().get(uid).contains("\\Flagged"));
            String status = dovecot.doveadm("mailbox", "status", "-u", dovecot.user(), "messages", "INBOX");
            assertEquals("INBOX messages=1", status.trim());
        }
    }

    @Test
    void maildirOfInboxIsTheRootAndOtherMailboxesAreDotFolders() {
        try (DovecotServer dovecot = DovecotServer.start()) {
            assertEquals(dovecot.maildir(), dovecot.maildir("INBOX"));
            assertEquals(dovecot.maildir().resolve(".Archive.2024"), dovecot.maildir("Archive/2024"));
            assertEquals(dovecot.maildir().resolve(".Entw&APw-rfe"), dovecot.maildir("Entwürfe"));
        }
    }

    @Test
    void instanceFolderGoesIntoTheChosenParentFolder() throws IOException {
        Path parent = Files.createTempDirectory("tdp-");
        try {
            Files.setPosixFilePermissions(parent, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            try (DovecotServer dovecot = DovecotServer.builder().parentDirectory(parent).start();
                    OtherClient other = dovecot.otherClient()) {
                assertEquals(parent, dovecot.directory().getParent());
                other.append("INBOX", MessageFactory.simple("in the parent", "x"));
                // Dovecot files a message without flags under new/, with flags under cur/
                try (var cur = Files.list(dovecot.maildir().resolve("cur"));
                        var fresh = Files.list(dovecot.maildir().resolve("new"))) {
                    assertEquals(1, cur.count() + fresh.count());
                }
            }
            try (var left = Files.list(parent)) {
                assertEquals(0, left.count(), "instance folder deleted");
            }
        } finally {
            Files.deleteIfExists(parent);
        }
    }

    @Test
    void missingDovecotFailsUnderCiAndAbortsElsewhereNamingTheAptPackage() {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> DovecotServer.builder().executable(Path.of("/nonexistent/sbin/dovecot")).start());
        String ci = System.getenv("CI");
        if (ci != null && !ci.isBlank()) {
            assertInstanceOf(IllegalStateException.class, e);
        } else {
            assertInstanceOf(TestAbortedException.class, e);
        }
        assertTrue(e.getMessage().contains("dovecot-imapd"), e.getMessage());
        assertTrue(e.getMessage().contains("/nonexistent/sbin/dovecot"), e.getMessage());
    }

    static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }
}
