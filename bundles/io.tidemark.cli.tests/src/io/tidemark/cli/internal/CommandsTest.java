/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.tidemark.model.UidSet;
import io.tidemark.testing.CapabilityProfile;
import io.tidemark.testing.DovecotServer;
import io.tidemark.testing.MailboxSnapshot;
import io.tidemark.testing.MessageFactory;
import io.tidemark.testing.OtherClient;

/**
 * Every command against a private Dovecot (QRESYNC), run the way a user runs them, with the replica in a real H2
 * file and secrets in real secure storage files.
 */
class CommandsTest {

    @TempDir
    Path dir;

    private DovecotServer dovecot;
    private Cli cli;
    private String url;
    private String id;
    private final List<String> subjects = new ArrayList<>();

    @BeforeEach
    void start() {
        dovecot = DovecotServer.start(CapabilityProfile.FULL);
        MessageFactory f = new MessageFactory(11);
        try (OtherClient c = dovecot.otherClient()) {
            c.create("Archive");
            c.subscribe("Archive");
            c.create("Projects");
            c.create("Reports");
            c.subscribe("Reports");
            for (int i = 0; i < 30; i++) {
                MessageFactory.Message m = f.next();
                subjects.add(m.subject());
                c.append("INBOX", m.bytes(), m.date());
            }
            for (int i = 0; i < 10; i++) {
                MessageFactory.Message m = f.next();
                c.append("Archive", m.bytes(), m.date(), "\\Seen");
            }
        }
        cli = new Cli(dir);
        url = "imap+plain://" + dovecot.user() + "@127.0.0.1:" + dovecot.port();
        id = dovecot.user() + "@127.0.0.1";
        cli.env.put("TIDEMARK_PASSWORD", dovecot.password());
    }

    @AfterEach
    void stop() throws Exception {
        try {
            cli.assertSecretNowhere(dovecot.password());
        } finally {
            dovecot.close();
        }
    }

    private static JsonObject mailbox(JsonArray boxes, String name) {
        for (JsonElement e : boxes) {
            if (e.getAsJsonObject().get("mailbox").getAsString().equals(name)) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError("no mailbox " + name + " in " + boxes);
    }

    private JsonObject syncJson(String... extra) {
        List<String> args = new ArrayList<>(List.of("--allow-insecure", "--json", "sync", url));
        args.addAll(List.of(extra));
        JsonObject o = cli.run(args.toArray(new String[0])).expect(0).json().getAsJsonObject();
        assertEquals(0, o.get("exitCode").getAsInt());
        return o.getAsJsonArray("accounts").get(0).getAsJsonObject();
    }

    @Test
    void syncByUrlFillsTheReplicaThatStatusAndLsShow() {
        JsonObject account = syncJson();
        assertEquals(id, account.get("account").getAsString());
        JsonArray boxes = account.getAsJsonArray("mailboxes");
        assertEquals(30, mailbox(boxes, "INBOX").get("added").getAsInt());
        assertEquals("QRESYNC", mailbox(boxes, "INBOX").get("strategy").getAsString());
        assertEquals(10, mailbox(boxes, "Archive").get("added").getAsInt());
        assertTrue(account.getAsJsonObject("traffic").get("bytesIn").getAsLong() > 0);

        JsonObject status = cli.run("status", "--json").expect(0).json().getAsJsonObject();
        JsonObject acc = status.getAsJsonArray("accounts").get(0).getAsJsonObject();
        assertEquals(30, mailbox(acc.getAsJsonArray("mailboxes"), "INBOX").get("messages").getAsInt());
        assertEquals(30, mailbox(acc.getAsJsonArray("mailboxes"), "INBOX").get("unread").getAsInt());
        assertEquals(0, mailbox(acc.getAsJsonArray("mailboxes"), "Archive").get("unread").getAsInt());
        assertEquals("QRESYNC", mailbox(acc.getAsJsonArray("mailboxes"), "INBOX").get("strategy").getAsString());

        String text = cli.run("status", id).expect(0).out();
        assertTrue(text.contains("Account '" + id + "'") && text.contains("INBOX") && text.contains("QRESYNC"), text);

        // every message for scripts, newest first
        JsonArray all = cli.run("ls", id, "INBOX", "--json").expect(0).json().getAsJsonArray();
        assertEquals(30, all.size());
        assertEquals(30, all.get(0).getAsJsonObject().get("uid").getAsLong());
        assertEquals(1, all.get(29).getAsJsonObject().get("uid").getAsLong());
        assertEquals(subjects.get(29), all.get(0).getAsJsonObject().get("subject").getAsString());
        assertTrue(all.get(0).getAsJsonObject().get("size").getAsLong() > 0);
        assertTrue(all.get(0).getAsJsonObject().getAsJsonObject("from").get("address").getAsString().contains("@"));

        // one page for people
        String page = cli.run("ls", id, "INBOX", "--page-size", "7", "--page", "2").expect(0).out();
        assertTrue(page.contains("INBOX: page 2 of 5 (30 messages, 30 unread); next: tidemark ls " + id
                + " INBOX --page 3"), page);
        assertTrue(page.lines().anyMatch(l -> l.strip().startsWith("23 ")), page); // UIDs 23..17 on page 2
        assertTrue(page.lines().anyMatch(l -> l.strip().startsWith("17 ")), page);
        assertFalse(page.lines().anyMatch(l -> l.strip().startsWith("24 ") || l.strip().startsWith("16 ")), page);
    }

    @Test
    void aSecondSyncOfAnUnchangedServerSelectsNothing() {
        syncJson();
        JsonObject again = syncJson();
        for (JsonElement e : again.getAsJsonArray("mailboxes")) {
            JsonObject b = e.getAsJsonObject();
            assertEquals(0, b.get("added").getAsInt(), b.toString());
            assertEquals("UNCHANGED", b.get("strategy").getAsString(), b.toString());
            assertEquals(0, b.getAsJsonObject("traffic").get("commands").getAsInt(), b.toString());
        }
    }

    @Test
    void folderAndBodiesLimitWhatOneSyncDoes() {
        JsonObject account = syncJson("--folder", "Archive", "--bodies", "full");
        JsonArray boxes = account.getAsJsonArray("mailboxes");
        assertEquals(1, boxes.size(), boxes.toString());
        JsonObject archive = mailbox(boxes, "Archive");
        assertEquals(10, archive.get("added").getAsInt());
        long full = archive.getAsJsonObject("traffic").get("bytesIn").getAsLong();

        Cli other = new Cli(dir.resolve("other"));
        other.env.putAll(cli.env);
        JsonObject headers = other.run("--allow-insecure", "--json", "sync", url, "--folder", "Archive").expect(0).json()
                .getAsJsonObject().getAsJsonArray("accounts").get(0).getAsJsonObject();
        long headersOnly = mailbox(headers.getAsJsonArray("mailboxes"), "Archive").getAsJsonObject("traffic")
                .get("bytesIn").getAsLong();
        assertTrue(full > 2 * headersOnly, "full bodies " + full + " vs headers " + headersOnly);
        assertEquals(ExitCode.USAGE.code(), cli.run("sync", url, "--bodies", "most").code());
    }

    @Test
    void aConfiguredAccountSyncsByNameAndWithEveryAccount() throws Exception {
        cli.env.remove("TIDEMARK_PASSWORD");
        cli.env.put("WORK_PW", dovecot.password());
        cli.writeConfig("[account work]\nurl = " + url + "\nallow-insecure = yes\nfolders = INBOX\n"
                + "password-env = WORK_PW\n");
        JsonObject all = cli.run("--json", "sync").expect(0).json().getAsJsonObject();
        JsonObject work = all.getAsJsonArray("accounts").get(0).getAsJsonObject();
        assertEquals("work", work.get("account").getAsString());
        assertEquals(1, work.getAsJsonArray("mailboxes").size(), work.toString());
        assertEquals(30, mailbox(work.getAsJsonArray("mailboxes"), "INBOX").get("added").getAsInt());
        String text = cli.run("sync", "work").expect(0).out();
        assertTrue(text.startsWith("Synced account 'work'"), text);
        assertTrue(text.contains("MAILBOX") && text.contains("STRATEGY") && text.contains("BYTES IN"), text);
    }

    @Test
    void verifyShowsTheCapabilitiesAndChangesNothing() {
        JsonObject v = cli.run("--allow-insecure", "--json", "verify", url).expect(0).json().getAsJsonObject();
        assertEquals("QRESYNC", v.get("strategy").getAsString());
        List<String> caps = new ArrayList<>();
        v.getAsJsonArray("capabilities").forEach(c -> caps.add(c.getAsString()));
        assertTrue(caps.contains("QRESYNC") && caps.contains("IMAP4REV1"), caps.toString());
        String text = cli.run("--allow-insecure", "verify", url).expect(0).out();
        assertTrue(text.contains("Logged in to 127.0.0.1:" + dovecot.port()) && text.contains("Sync strategy: QRESYNC"),
                text);
        JsonObject status = cli.run("status", "--json").expect(0).json().getAsJsonObject();
        assertEquals(0, status.getAsJsonArray("accounts").size(), "verify stores nothing");
    }

    @Test
    void foldersListsTheServerAndSubscriptionsGoThroughTheJournal() {
        syncJson();
        JsonArray list = cli.run("--allow-insecure", "--json", "folders", url).expect(0).json().getAsJsonArray();
        Map<String, JsonObject> byName = new HashMap<>();
        list.forEach(e -> byName.put(e.getAsJsonObject().get("mailbox").getAsString(), e.getAsJsonObject()));
        assertTrue(byName.get("Archive").get("subscribed").getAsBoolean());
        assertFalse(byName.get("Projects").get("subscribed").getAsBoolean());
        assertEquals(10, byName.get("Archive").get("messages").getAsInt());

        assertTrue(byName.get("Reports").get("subscribed").getAsBoolean());
        // (the fixture's Dovecot auto-subscribes its special-use mailboxes such as Archive: Reports is a plain one)
        String done = cli.run("--allow-insecure", "folders", url, "--subscribe", "Projects", "--unsubscribe", "Reports")
                .expect(0).out();
        assertTrue(done.contains("subscribed to Projects") && done.contains("unsubscribed from Reports"), done);
        try (OtherClient c = dovecot.otherClient()) {
            List<String> subscribed = c.listSubscribed();
            assertTrue(subscribed.contains("Projects"), subscribed.toString());
            assertFalse(subscribed.contains("Reports"), subscribed.toString());
        }
        Cli.Result missing = cli.run("--allow-insecure", "folders", url, "--subscribe", "NoSuch")
                .expect(ExitCode.FOLDER_NOT_FOUND);
        assertTrue(missing.err().contains("mailbox 'NoSuch'"), missing.err());
    }

    @Test
    void markDeleteAndMoveAreQueuedLocallyAndSentOnceByTheNextSync() {
        syncJson();
        cli.run("mark", id, "INBOX", "1", "2", "--read", "--flag", "--keyword", "$Work").expect(0);
        cli.run("delete", id, "INBOX", "3").expect(0);
        Cli.Result moved = cli.run("move", id, "INBOX", "4:5", "--to", "Archive").expect(0);
        assertTrue(moved.out().startsWith("Queued: move 2 messages of INBOX to Archive"), moved.out());

        JsonObject status = cli.run("status", id, "--json").expect(0).json().getAsJsonObject();
        JsonObject acc = status.getAsJsonArray("accounts").get(0).getAsJsonObject();
        assertEquals(3, acc.get("pending").getAsInt());
        assertEquals(27, mailbox(acc.getAsJsonArray("mailboxes"), "INBOX").get("messages").getAsInt(),
                "deleted and moved messages are hidden at once");
        try (OtherClient c = dovecot.otherClient()) {
            assertEquals(30, c.snapshot("INBOX").exists(), "nothing reached the server yet");
        }

        JsonObject account = syncJson();
        assertEquals(3, mailbox(account.getAsJsonArray("mailboxes"), "INBOX").get("replayed").getAsInt(),
                "three local changes sent");
        try (OtherClient c = dovecot.otherClient()) {
            MailboxSnapshot inbox = c.snapshot("INBOX");
            assertEquals(27, inbox.exists());
            assertFalse(inbox.uids().contains(3));
            assertFalse(inbox.uids().contains(4) || inbox.uids().contains(5));
            assertEquals(UidSet.of(1, 2), inbox.uidsWith("\\Seen"));
            assertEquals(UidSet.of(1, 2), inbox.uidsWith("\\Flagged"));
            assertEquals(UidSet.of(1, 2), inbox.uidsWith("$Work"));
            assertEquals(12, c.snapshot("Archive").exists(), "moved once, not twice");
        }
        JsonObject after = cli.run("status", id, "--json").expect(0).json().getAsJsonObject();
        assertEquals(0, after.getAsJsonArray("accounts").get(0).getAsJsonObject().get("pending").getAsInt());
        String page = cli.run("ls", id, "INBOX", "--page-size", "100").expect(0).out();
        assertTrue(page.lines().anyMatch(l -> l.matches("\\s*1\\s+S-F-- \\$Work\\s.*")), page);

        // --sync sends at once; a UID the replica does not hold is an error naming it
        cli.run("--allow-insecure", "mark", id, "INBOX", "6", "--unread", "--sync", "--password-command",
                "printf '%s' " + dovecot.password()).expect(0);
        Cli.Result none = cli.run("mark", id, "INBOX", "999", "--read").expect(ExitCode.NOT_FOUND);
        assertTrue(none.err().contains("999"), none.err());
        cli.run("mark", id, "INBOX", "1").expect(ExitCode.USAGE);
        cli.run("mark", id, "INBOX", "x:y", "--read").expect(ExitCode.USAGE);
        cli.run("move", id, "INBOX", "7", "--to", "Nowhere").expect(ExitCode.NOT_FOUND);
    }

    @Test
    void accountsAddSavesThePasswordInSecureStorageAndRemoveForgetsIt() throws Exception {
        Cli.Result added = cli.run("--allow-insecure", "accounts", "add", "work", url, "--folders", "INBOX").expect(0);
        assertTrue(added.out().contains("Added account 'work'") && added.out().contains("secure storage"), added.out());
        String config = Files.readString(cli.config.resolve("config"));
        assertTrue(config.contains("[account work]") && config.contains("url = " + url), config);
        assertTrue(Files.exists(cli.config.resolve("secure-storage")));
        cli.run("accounts", "add", "work", url).expect(ExitCode.USAGE); // exists already

        JsonArray list = cli.run("accounts", "list", "--json").expect(0).json().getAsJsonArray();
        assertEquals("saved", list.get(0).getAsJsonObject().get("password").getAsString());

        cli.env.remove("TIDEMARK_PASSWORD");
        JsonObject work = cli.run("--json", "sync", "work").expect(0).json().getAsJsonObject().getAsJsonArray("accounts")
                .get(0).getAsJsonObject();
        assertEquals(30, mailbox(work.getAsJsonArray("mailboxes"), "INBOX").get("added").getAsInt());

        Cli.Result removed = cli.run("accounts", "remove", "work").expect(0);
        assertTrue(removed.out().contains("saved password forgotten") && removed.out().contains("replica kept"),
                removed.out());
        assertFalse(Files.readString(cli.config.resolve("config")).contains("[account work]"));
        // the replica is still there, but no secret: without a terminal that is an authentication error
        Cli.Result noSecret = cli.run("sync", "work").expect(ExitCode.AUTHENTICATION);
        assertTrue(noSecret.err().contains("no password"), noSecret.err());
        cli.run("accounts", "remove", "work", "--purge").expect(0);
        cli.run("status", "work").expect(ExitCode.NOT_FOUND);
        cli.run("accounts", "remove", "work").expect(ExitCode.NOT_FOUND);
    }

    @Test
    void secretsComeFromTheCommandThenTheEnvironmentThenSecureStorage() {
        cli.env.put("TIDEMARK_PASSWORD", "wrong-one");
        cli.run("--allow-insecure", "accounts", "add", "work", url, "--no-verify").expect(0); // saves the wrong one
        cli.env.remove("TIDEMARK_PASSWORD");
        cli.run("verify", "work").expect(ExitCode.AUTHENTICATION);

        cli.env.put("TIDEMARK_PASSWORD_WORK", dovecot.password());
        cli.run("verify", "work").expect(0); // the variable wins over secure storage

        cli.env.put("TIDEMARK_PASSWORD_WORK", "wrong-two");
        cli.run("verify", "work", "--password-command", "printf '%s\\n' " + dovecot.password()).expect(0);
        Cli.Result failing = cli.run("verify", "work", "--password-command", "exit 3").expect(ExitCode.AUTHENTICATION);
        assertTrue(failing.err().contains("the password command failed (exit 3)"), failing.err());
        Cli.Result rejected = cli.run("verify", "work").expect(ExitCode.AUTHENTICATION);
        assertTrue(rejected.err().contains("TIDEMARK_PASSWORD_WORK"), rejected.err());
        assertFalse(rejected.err().contains("wrong-two"), rejected.err());
    }

    @Test
    void watchSyncsOnEveryPushAndStopsCleanlyOnCtrlC() throws Exception {
        Cli.Running watch = cli.start("--allow-insecure", "watch", url);
        assertTrue(watch.awaitOutput("synced '" + id + "': 40 new"), () -> "first sync\n" + watch.out() + watch.err());
        try (OtherClient c = dovecot.otherClient()) {
            c.append("INBOX", MessageFactory.simple("pushed", "arrives while watching"));
        }
        assertTrue(watch.awaitOutput("synced '" + id + "': 1 new"), () -> "sync on push\n" + watch.out() + watch.err());
        cli.interrupts.interrupt();
        Cli.Result r = watch.await().expect(0);
        assertTrue(r.err().contains("stopped watching '" + id + "'"), r.err());
        JsonObject status = cli.run("status", id, "--json").expect(0).json().getAsJsonObject();
        assertEquals(31, mailbox(status.getAsJsonArray("accounts").get(0).getAsJsonObject().getAsJsonArray("mailboxes"),
                "INBOX").get("messages").getAsInt());
    }

    @Test
    void progressIsABarOnATerminalLinesOtherwiseAndNothingWhenQuietOrJson() {
        Cli.Result lines = cli.run("--allow-insecure", "--progress", "lines", "sync", url).expect(0);
        assertTrue(lines.err().lines().anyMatch(l -> l.startsWith("tidemark: synced account=" + id
                + " mailbox=INBOX strategy=QRESYNC new=30 ")), lines.err());
        assertTrue(lines.out().startsWith("Synced account '" + id + "'"), lines.out());

        Cli bar = new Cli(dir.resolve("bar"));
        bar.env.putAll(cli.env);
        bar.terminal = new Terminal() {
            @Override
            public boolean interactive() {
                return true;
            }

            @Override
            public int width() {
                return 80;
            }

            @Override
            public char[] readPassword(String prompt) {
                return null;
            }
        };
        Cli.Result drawn = bar.run("--allow-insecure", "sync", url).expect(0);
        assertTrue(drawn.err().contains("\r") && drawn.err().contains("] ") && drawn.err().contains("sync " + id),
                drawn.err());
        assertFalse(drawn.err().contains("tidemark: synced"), "no log lines on a terminal");

        Cli.Result quiet = cli.run("--allow-insecure", "--quiet", "sync", url).expect(0);
        assertEquals("", quiet.out());
        assertEquals("", quiet.err());
        Cli.Result json = cli.run("--allow-insecure", "--json", "sync", url).expect(0);
        assertEquals("", json.err());
        json.json();
    }

    @Test
    void aPromptAsksOnATerminalAndNowhereElse() {
        cli.env.remove("TIDEMARK_PASSWORD");
        List<String> prompts = new ArrayList<>();
        cli.terminal = new Terminal() {
            @Override
            public boolean interactive() {
                return true;
            }

            @Override
            public int width() {
                return 100;
            }

            @Override
            public char[] readPassword(String prompt) {
                prompts.add(prompt);
                return prompts.size() == 1 ? "wrong".toCharArray() : dovecot.password().toCharArray();
            }
        };
        cli.run("--allow-insecure", "--progress", "none", "verify", url).expect(0);
        assertEquals(2, prompts.size(), "asked again after the server rejected the first answer");
        assertTrue(prompts.get(0).startsWith("Password for " + dovecot.user() + "@127.0.0.1 (account '" + id + "')"),
                prompts.get(0));
        assertTrue(prompts.get(1).startsWith("The server rejected it."), prompts.get(1));
    }
}
