/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidemark.testing.CapabilityProfile;
import io.tidemark.testing.DovecotServer;

/**
 * Each failure a user meets gets one line naming what failed and a distinct exit code, without a stack trace
 * (unless --verbose). The store failures that need a second process (locked, newer schema) are tested on the
 * product, in releng/io.tidemark.product.tests.
 */
class ErrorsTest {

    private static DovecotServer dovecot;

    @TempDir
    Path dir;

    private Cli cli;
    private String url;

    @BeforeAll
    static void startServer() {
        dovecot = DovecotServer.builder().profile(CapabilityProfile.FULL).tls(true).start();
    }

    @AfterAll
    static void stopServer() {
        dovecot.close();
    }

    @BeforeEach
    void setUp() {
        cli = new Cli(dir);
        cli.env.put("TIDEMARK_PASSWORD", dovecot.password());
        url = "imap+plain://" + dovecot.user() + "@127.0.0.1:" + dovecot.port();
    }

    /** Asserts a one-line error with the exit code, the text, and no stack trace. */
    private Cli.Result fails(ExitCode code, String text, String... args) {
        Cli.Result r = cli.run(args).expect(code);
        List<String> lines = r.err().lines().filter(l -> !l.startsWith("tidemark: progress")).toList();
        assertEquals(1, lines.size(), () -> "one line on stderr: " + r.err());
        assertTrue(lines.get(0).startsWith("tidemark: error: "), lines.get(0));
        assertTrue(lines.get(0).contains(text), () -> "'" + text + "' in " + lines.get(0));
        assertFalse(r.err().contains("\tat ") || r.out().contains("\tat "), "no stack trace without --verbose");
        return r;
    }

    @Test
    void anUnknownHost() {
        fails(ExitCode.UNKNOWN_HOST, "nosuchhost.invalid", "verify", "imaps://alice@nosuchhost.invalid");
    }

    @Test
    void aRefusedConnection() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        fails(ExitCode.CONNECTION_REFUSED, "127.0.0.1:" + port, "verify", "imaps://alice@127.0.0.1:" + port);
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // and never say a word
                    }
                } catch (IOException e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            cli.writeConfig("[account silent]\nhost = 127.0.0.1\nport = " + silent.getLocalPort()
                    + "\nuser = alice\nsecurity = none\nallow-insecure = yes\nconnect-timeout = 2s\nread-timeout = 2s\n");
            fails(ExitCode.TIMEOUT, "account 'silent'", "verify", "silent");
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void anUntrustedCertificateIsRefusedAndAPinnedOneAccepted() throws Exception {
        String tls = "imaps://" + dovecot.user() + "@127.0.0.1:" + dovecot.tlsPort();
        fails(ExitCode.TLS_UNTRUSTED, "not trusted", "verify", tls);
        cli.writeConfig("[account pinned]\nurl = " + tls + "\npinned-certificate = " + dovecot.certificateSha256() + "\n");
        cli.run("verify", "pinned").expect(0);
    }

    @Test
    void aWrongPassword() {
        cli.env.put("TIDEMARK_PASSWORD", "not-the-password");
        Cli.Result r = fails(ExitCode.AUTHENTICATION, "rejected", "--allow-insecure", "sync", url);
        assertFalse(r.err().contains("not-the-password"));
    }

    @Test
    void aFolderThatDoesNotExist() {
        Cli.Result r = fails(ExitCode.FOLDER_NOT_FOUND, "mailbox 'NoSuch'", "--allow-insecure", "--progress", "none",
                "sync", url, "--folder", "NoSuch");
        assertTrue(r.out().contains("FAILED"), r.out());
    }

    @Test
    void aMalformedConfigurationNamesFileLineAndKey() throws Exception {
        Path f = cli.writeConfig("[account work]\nurl = imaps://alice@example.org\nfolders = all\nport = 99999\n");
        fails(ExitCode.CONFIG, f + ":4: port:", "sync", "work");
        fails(ExitCode.CONFIG, "no such configuration file", "--config", "missing.conf", "status");
        Path other = dir.resolve("other.conf");
        Files.writeString(other, "[store]\nlocation = " + dir.resolve("elsewhere") + "\n[account x]\nurl = imaps://u@h\n");
        cli.run("--config", "other.conf", "status").expect(0); // --config FILE, relative to the working folder
        assertTrue(Files.exists(dir.resolve("elsewhere").resolve("tidemark.mv.db")), "the config's store was used");
    }

    @Test
    void anUnwritableStoreFolder() throws Exception {
        Path ro = Files.createDirectory(dir.resolve("ro"));
        mountReadOnly(ro);
        try {
            fails(ExitCode.STORE_UNWRITABLE, ro.resolve("store").toString(), "--store", ro.resolve("store").toString(),
                    "status");
        } finally {
            new ProcessBuilder("umount", "-l", ro.toString()).start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Root ignores permission bits: a read-only tmpfs is the honest unwritable folder. */
    private static void mountReadOnly(Path dir) throws Exception {
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            String msg = "needs root to mount a read-only tmpfs: " + out.strip();
            if (System.getenv("CI") != null) {
                fail(msg);
            }
            assumeTrue(false, msg);
        }
    }

    @Test
    void badUsageAndUnknownNames() {
        Cli.Result usage = cli.run("sync", "--bodies", "lots", url).expect(ExitCode.USAGE);
        assertTrue(usage.err().contains("--bodies"), usage.err());
        Cli.Result unknownOption = cli.run("status", "--colour").expect(ExitCode.USAGE);
        assertTrue(unknownOption.err().contains("Unknown option: '--colour'")
                && unknownOption.err().contains("tidemark status --help"), unknownOption.err());
        fails(ExitCode.NOT_FOUND, "no account 'nobody'", "sync", "nobody");
        fails(ExitCode.NOT_FOUND, "not in the store", "ls", "nobody", "INBOX");
        fails(ExitCode.USAGE, "--allow-insecure", "sync", url); // a plain URL needs consent
        fails(ExitCode.USAGE, "must not contain a password", "sync", "imaps://alice:secret@example.org");
        fails(ExitCode.USAGE, "must not hold a password", "--store", "jdbc:postgresql://db/t?user=a&password=b", "status");
    }

    @Test
    void verboseAddsTheStackTrace() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Cli.Result r = cli.run("--verbose", "verify", "imaps://alice@127.0.0.1:" + port)
                .expect(ExitCode.CONNECTION_REFUSED);
        assertTrue(r.err().contains("\tat "), r.err());
    }

    @Test
    void theHelpFooterListsEveryExitCode() {
        String help = cli.run("--help").expect(0).out();
        for (ExitCode c : ExitCode.values()) {
            assertTrue(help.contains(String.format("%3d  %s", c.code(), c.meaning())), c + " in\n" + help);
        }
        for (String command : List.of("sync", "watch", "status", "ls", "folders", "verify", "accounts", "demo", "mark",
                "delete", "move")) {
            assertTrue(help.lines().anyMatch(l -> l.startsWith("  " + command + " ")), command);
        }
        String version = cli.run("--version").expect(0).out();
        assertTrue(version.startsWith("tidemark 0.1.0"), version);
    }
}
