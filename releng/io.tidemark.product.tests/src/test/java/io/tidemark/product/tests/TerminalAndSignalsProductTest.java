/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.tidemark.testing.CapabilityProfile;
import io.tidemark.testing.DovecotServer;
import io.tidemark.testing.MessageFactory;
import io.tidemark.testing.OtherClient;

/**
 * What only a real process on a real terminal shows: Ctrl-C (SIGINT) during a sync and during a watch, the
 * password prompt without echo, the progress bar, and secrets kept out of every output and file.
 */
class TerminalAndSignalsProductTest {

    private static DovecotServer dovecot;
    private static String url;

    @TempDir
    Path home;

    @BeforeAll
    static void startServer() {
        dovecot = DovecotServer.start(CapabilityProfile.FULL);
        // enough mail that a sync with full bodies takes a few seconds
        dovecot.maildirWriter().write("INBOX", 4000, new MessageFactory(5));
        url = "imap+plain://" + dovecot.user() + "@127.0.0.1:" + dovecot.port();
    }

    @AfterAll
    static void stopServer() {
        dovecot.close();
    }

    private static int inboxCount(Tidemark t) {
        JsonObject status = t.run("status", "--json").expect(0).json().getAsJsonObject();
        for (JsonElement e : status.getAsJsonArray("accounts").get(0).getAsJsonObject().getAsJsonArray("mailboxes")) {
            if (e.getAsJsonObject().get("mailbox").getAsString().equals("INBOX")) {
                return e.getAsJsonObject().get("messages").getAsInt();
            }
        }
        return 0; // canceled before the mailboxes were listed
    }

    private static long serverCount() {
        try (OtherClient c = dovecot.otherClient()) {
            return c.snapshot("INBOX").exists();
        }
    }

    @Test
    void ctrlCDuringASyncCancelsItSaysSoAndLeavesAConsistentStore() throws Exception {
        Tidemark t = new Tidemark(home);
        t.env.put("TIDEMARK_PASSWORD", dovecot.password());
        Tidemark.Running sync = t.start("--allow-insecure", "--progress", "lines", "sync", url, "--bodies", "full");
        // a progress line naming a mailbox: the sync is past connecting and listing
        assertTrue(sync.awaitErr("tidemark: progress account=alice@127.0.0.1 mailbox=", 120_000), sync.err());
        sync.signal("INT");
        Tidemark.Result r = sync.await(120).noStackTrace();
        assertEquals(130, r.code(), r.err());
        assertTrue(r.err().contains("tidemark: interrupt: canceling the sync of 'alice@127.0.0.1'"), r.err());
        assertTrue(r.err().contains("tidemark: interrupted: account 'alice@127.0.0.1': sync canceled; every window "
                + "committed so far is kept and the store is consistent"), r.err());
        int kept = inboxCount(t);
        long onServer = serverCount();
        assertTrue(kept < onServer, "canceled before the end: " + kept + " of " + onServer);

        t.run("--allow-insecure", "sync", url).expect(0); // resumes where it stopped
        assertEquals(serverCount(), inboxCount(t));
        t.assertSecretNowhere(dovecot.password());
    }

    @Test
    void ctrlCEndsAWatchCleanly() throws Exception {
        Tidemark t = new Tidemark(home);
        t.env.put("TIDEMARK_PASSWORD", dovecot.password());
        t.run("--allow-insecure", "-q", "sync", url).expect(0);
        Tidemark.Running watch = t.start("--allow-insecure", "watch", url);
        assertTrue(watch.awaitErr("(Ctrl-C to stop)", 120_000), watch.err());
        long end = System.currentTimeMillis() + 60_000;
        while (!watch.out().contains("synced 'alice@127.0.0.1'") && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        try (OtherClient c = dovecot.otherClient()) {
            c.append("INBOX", MessageFactory.simple("during the watch", "hello"));
        }
        while (!watch.out().contains(": 1 new") && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        watch.signal("INT");
        Tidemark.Result r = watch.await(60).noStackTrace().expect(0);
        assertTrue(r.out().contains(": 1 new"), r.out());
        assertTrue(r.err().contains("stopped watching 'alice@127.0.0.1'"), r.err());
    }

    @Test
    void onATerminalThePasswordIsAskedWithoutEchoAndTheProgressIsABar() throws Exception {
        Tidemark t = new Tidemark(home);
        Tidemark.Result r = t.runOnTerminal("Password for", dovecot.password() + "\n", "--allow-insecure", "sync", url);
        assertEquals(0, r.code(), r.out());
        String screen = r.out();
        assertTrue(screen.contains("Password for alice@127.0.0.1 (account 'alice@127.0.0.1'): "), screen);
        assertFalse(screen.contains(dovecot.password()), "the password was echoed");
        assertTrue(screen.contains("\r") && screen.contains("] ") && screen.contains("sync alice@127.0.0.1"), screen);
        assertFalse(screen.contains("tidemark: progress"), "no log lines on a terminal");
        assertTrue(screen.contains("Synced account 'alice@127.0.0.1'"), screen);
        t.assertSecretNowhere(dovecot.password());
    }

    @Test
    void aSavedPasswordIsUsedByLaterRunsAndAppearsInNoOutputAndNoFile() throws Exception {
        Tidemark t = new Tidemark(home);
        t.env.put("TIDEMARK_PASSWORD", dovecot.password());
        t.run("--allow-insecure", "accounts", "add", "mail", url, "--folders", "INBOX").expect(0);
        t.env.remove("TIDEMARK_PASSWORD");
        t.run("--verbose", "sync", "mail").expect(0);
        t.run("--verbose", "--json", "verify", "mail").expect(0);
        t.run("--verbose", "accounts", "list").expect(0);
        t.run("--verbose", "status").expect(0);
        assertTrue(java.nio.file.Files.exists(t.config.resolve("secure-storage.key")));
        // ConfigAdmin keeps its configurations in the product's configuration area: check it too
        t.assertSecretNowhere(dovecot.password(), Tidemark.ROOT.resolve(
                "releng/io.tidemark.product/target/products/io.tidemark.product/linux/gtk/x86_64/tidemark/configuration"));
    }
}
