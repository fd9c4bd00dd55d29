/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.tidemark.testing.CapabilityProfile;
import io.tidemark.testing.DovecotServer;
import io.tidemark.testing.MailboxSnapshot;
import io.tidemark.testing.MessageFactory;
import io.tidemark.testing.OtherClient;

/**
 * Issue #6 (crash safety of the engine, invariants I1 and I2) with real processes: local changes are queued with
 * {@code tidemark mark/delete/move}, then a {@code tidemark sync} child process on an H2 store is killed with
 * SIGKILL at a random moment (while starting, replaying the journal, detecting, or downloading new mail that
 * another device keeps adding), again and again. After the last kill a sync must converge: every local change on
 * the server exactly as the user made them, in order (the same few messages are marked read and unread over and
 * over, so a change sent twice or out of order shows), moved messages exactly once in the target, and the replica
 * equal to the server.
 */
class SyncCrashProductTest {

    private static final int ROUNDS = 12;
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>]+>)");

    @TempDir
    Path home;

    private DovecotServer dovecot;

    @BeforeEach
    void start() {
        dovecot = DovecotServer.start(CapabilityProfile.FULL);
        dovecot.maildirWriter().write("INBOX", 1500, new MessageFactory(61));
        dovecot.maildirWriter().write("Archive", 100, new MessageFactory(62));
    }

    @AfterEach
    void stop() {
        dovecot.close();
    }

    @Test
    void killedSyncsConvergeWithNoLocalChangeLostAndNoneAppliedTwice() throws Exception {
        long seed = Long.getLong("tidemark.crash.seed", System.nanoTime());
        System.out.println("SyncCrashProductTest seed " + seed + " (-Dtidemark.crash.seed=" + seed + " repeats it)");
        Random random = new Random(seed);
        Tidemark t = new Tidemark(home);
        t.env.put("TIDEMARK_PASSWORD", dovecot.password());
        String url = "imap+plain://" + dovecot.user() + "@127.0.0.1:" + dovecot.port();
        String account = dovecot.user() + "@127.0.0.1";
        t.run("--allow-insecure", "-q", "sync", url).expect(0);

        // the model: what the server must hold once every queued change is applied exactly once, in order
        Map<Long, Set<String>> flags = new TreeMap<>();
        Map<Long, String> messageIds = new HashMap<>();
        try (OtherClient c = dovecot.otherClient()) {
            c.snapshot("INBOX").flags().forEach((uid, f) -> flags.put(uid, new HashSet<>(f)));
        }
        for (JsonElement e : t.run("ls", account, "INBOX", "--json").expect(0).json().getAsJsonArray()) {
            JsonObject m = e.getAsJsonObject();
            messageIds.put(m.get("uid").getAsLong(), m.get("messageId").getAsString());
        }
        List<Long> hot = new ArrayList<>(new ArrayList<>(flags.keySet()).subList(0, 30)); // toggled again and again
        List<String> movedIds = new ArrayList<>();
        int appended = 0;
        int killed = 0;
        int finished = 0;
        MessageFactory newMail = new MessageFactory(63);

        for (int round = 0; round < ROUNDS; round++) {
            List<Long> live = new ArrayList<>(flags.keySet());
            int op = random.nextInt(6);
            List<Long> uids = new ArrayList<>();
            List<Long> pool = op < 4 ? new ArrayList<>(hot) : live;
            pool.retainAll(flags.keySet());
            java.util.Collections.shuffle(pool, random);
            uids.addAll(pool.subList(0, Math.min(pool.size(), 1 + random.nextInt(op < 4 ? 6 : 3))));
            List<String> args = new ArrayList<>();
            switch (op) {
                case 0, 1 -> {
                    args.addAll(List.of("mark", account, "INBOX"));
                    uids.forEach(u -> args.add(Long.toString(u)));
                    args.add(op == 0 ? "--read" : "--unread");
                    uids.forEach(u -> {
                        if (op == 0) {
                            flags.get(u).add("\\Seen");
                        } else {
                            flags.get(u).remove("\\Seen");
                        }
                    });
                }
                case 2 -> {
                    args.addAll(List.of("mark", account, "INBOX"));
                    uids.forEach(u -> args.add(Long.toString(u)));
                    boolean on = random.nextBoolean();
                    args.add(on ? "--flag" : "--unflag");
                    args.add(on ? "--keyword" : "--remove-keyword");
                    args.add("$Crash");
                    uids.forEach(u -> {
                        if (on) {
                            flags.get(u).add("\\Flagged");
                            flags.get(u).add("$Crash");
                        } else {
                            flags.get(u).remove("\\Flagged");
                            flags.get(u).remove("$Crash");
                        }
                    });
                }
                case 3, 4 -> {
                    args.addAll(List.of("delete", account, "INBOX"));
                    uids.forEach(u -> args.add(Long.toString(u)));
                    uids.forEach(flags::remove);
                    hot.removeAll(uids);
                }
                default -> {
                    args.addAll(List.of("move", account, "INBOX"));
                    uids.forEach(u -> args.add(Long.toString(u)));
                    args.addAll(List.of("--to", "Archive"));
                    uids.forEach(u -> {
                        flags.remove(u);
                        movedIds.add(messageIds.get(u));
                    });
                    hot.removeAll(uids);
                }
            }
            t.run(args.toArray(new String[0])).expect(0); // durable in the journal before it is shown as done (I2)

            if (round % 3 == 0) {
                try (OtherClient c = dovecot.otherClient()) {
                    for (int i = 0; i < 200; i++) {
                        c.append("INBOX", newMail.next().bytes());
                    }
                }
                appended += 200;
            }
            Tidemark.Running sync = t.start("--allow-insecure", "--progress", "none", "sync", url);
            Thread.sleep(800 + random.nextInt(4000)); // the JVM starts in 2-3 s, a sync takes 1-3 s more
            if (sync.process.isAlive()) {
                sync.process.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback, no lease release
                sync.process.waitFor();
                killed++;
            } else {
                finished++;
            }
        }
        System.out.println("SyncCrashProductTest: " + killed + " syncs killed, " + finished + " finished on their own");

        Tidemark.Result last = t.run("--allow-insecure", "--json", "sync", url);
        if (last.code() != 0) {
            last = t.run("--allow-insecure", "--json", "sync", url); // one more, as after a crash
        }
        last.expect(0);
        JsonObject status = t.run("status", account, "--json").expect(0).json().getAsJsonObject();
        assertEquals(0, status.getAsJsonArray("accounts").get(0).getAsJsonObject().get("pending").getAsInt(),
                "every local change left the journal");

        try (OtherClient c = dovecot.otherClient()) {
            MailboxSnapshot inbox = c.snapshot("INBOX");
            assertEquals(flags.size() + appended, inbox.exists(), "INBOX: kept + new mail");
            for (Map.Entry<Long, Set<String>> e : flags.entrySet()) {
                Set<String> server = new HashSet<>(inbox.flags().getOrDefault(e.getKey(), Set.of("<gone>")));
                server.remove("\\Recent");
                assertEquals(e.getValue(), server, "flags of INBOX UID " + e.getKey() + " (seed " + seed + ")");
            }
            String headers = c.execute("UID FETCH 1:* (BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])").all();
            Map<String, Integer> inArchive = new HashMap<>();
            c.execute("SELECT Archive");
            Matcher m = MESSAGE_ID.matcher(c.execute("UID FETCH 1:* (BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])").all());
            while (m.find()) {
                inArchive.merge(m.group(1), 1, Integer::sum);
            }
            for (String id : movedIds) {
                assertEquals(1, inArchive.getOrDefault(id, 0), "moved message " + id + " once in Archive");
                assertTrue(!headers.contains(id), "moved message " + id + " gone from INBOX");
            }
            assertEquals(100 + movedIds.size(), c.snapshot("Archive").exists());

            // after quiescence the replica equals the server (I6)
            Map<Long, Set<String>> replica = new TreeMap<>();
            for (JsonElement e : t.run("ls", account, "INBOX", "--json").expect(0).json().getAsJsonArray()) {
                JsonObject o = e.getAsJsonObject();
                Set<String> f = new HashSet<>();
                o.getAsJsonArray("flags").forEach(x -> f.add(x.getAsString()));
                o.getAsJsonArray("keywords").forEach(x -> f.add(x.getAsString()));
                replica.put(o.get("uid").getAsLong(), f);
            }
            Map<Long, Set<String>> server = new TreeMap<>();
            c.snapshot("INBOX").flags().forEach((uid, f) -> {
                Set<String> s = new HashSet<>(f);
                s.remove("\\Recent");
                server.put(uid, s);
            });
            assertEquals(server, replica, "replica = server");
        }
        t.assertSecretNowhere(dovecot.password());
    }
}
