/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

import org.eclipse.core.runtime.CoreException;

import com.google.gson.JsonObject;

import io.tidemark.imap.api.Credentials;
import io.tidemark.imap.api.CredentialsProvider;
import io.tidemark.imap.api.ImapError;
import io.tidemark.imap.api.ImapStatus;
import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.model.FolderSelection;
import io.tidemark.model.MailboxName;
import io.tidemark.model.Security;
import io.tidemark.model.TrafficCounters;
import io.tidemark.store.api.MailStore;
import io.tidemark.sync.api.SyncReport;
import io.tidemark.sync.api.SyncRequest;
import io.tidemark.sync.api.SyncResult;
import io.tidemark.testing.CapabilityProfile;
import io.tidemark.testing.DovecotServer;
import io.tidemark.testing.GreenMailServer;
import io.tidemark.testing.MailboxSnapshot;
import io.tidemark.testing.MessageFactory;
import io.tidemark.testing.OtherClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tidemark demo}: a private IMAP server, a few thousand realistic messages, a first sync, then a second
 * device that adds, deletes, flags and moves messages and resets a mailbox's UIDVALIDITY, a second sync that finds
 * all of it, and the cost of that sync side by side with the naive full diff, measured on the same server. The
 * replica stays in the store ({@code tidemark status demo}).
 */
@Command(name = "demo", description = { "Show what Tidemark does, on a private IMAP server in this process (GreenMail; "
        + "--server dovecot runs a private Dovecot when it is installed): fill it with realistic messages, sync, let a "
        + "second device add, delete, flag and move messages and reset a mailbox's UIDVALIDITY, sync again, and "
        + "compare the cost with the naive FETCH 1:* (UID FLAGS) diff measured on the same server.",
        "The replica stays in the store as account 'demo' (tidemark status demo)." })
final class DemoCommand implements Callable<Integer> {

    static final AccountId ACCOUNT = AccountId.of("demo");
    static final MailboxName ARCHIVE = MailboxName.of("Archive");
    static final MailboxName LISTS = MailboxName.of("Lists");

    @Spec
    CommandSpec spec;

    @Option(names = "--server", paramLabel = "greenmail|dovecot",
            description = "The embedded server: greenmail (in this process, plain IMAP4rev1) or dovecot (a private "
                    + "Dovecot with QRESYNC; needs the dovecot-imapd package). Default greenmail.")
    String server = "greenmail";

    @Option(names = "--messages", paramLabel = "N", description = "How many messages to create (default 3000).")
    int messages = 3000;

    @Option(names = "--sizes", paramLabel = "realistic|small",
            description = "Message sizes: realistic (2 KB to 1 MB, with attachments; default) or small (1-4 KB text).")
    String sizes = "realistic";

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the generated mail (default 2026).")
    long seed = 2026;

    private Context ctx;
    private MessageFactory.SizeProfile profile;
    private final JsonObject json = new JsonObject();

    @Override
    public Integer call() throws Exception {
        ctx = TidemarkCommand.context(spec);
        if (messages < 100 || messages > 200_000) {
            throw Failure.of(ExitCode.USAGE, "--messages takes 100 to 200000");
        }
        MessageFactory.SizeProfile chosen = switch (sizes.toLowerCase(Locale.ROOT)) {
            case "realistic" -> MessageFactory.SizeProfile.REALISTIC;
            case "small" -> MessageFactory.SizeProfile.SMALL;
            default -> throw Failure.of(ExitCode.USAGE, "--sizes takes realistic or small");
        };
        profile = chosen;
        say("Tidemark demo: a private IMAP server, a replica in the store, and a second device changing mail behind "
                + "its back.%n%n");
        Instant t0 = Instant.now();
        MailStore store = ctx.wiring().store();
        if (server.equalsIgnoreCase("greenmail") && !GreenMailQuirks.install()
                && profile == MessageFactory.SizeProfile.REALISTIC) {
            ctx.err().println("tidemark: warning: Angus Activation is missing, so GreenMail cannot store multipart "
                    + "messages; using small plain-text messages");
            profile = MessageFactory.SizeProfile.SMALL;
        }
        try (DemoServer srv = start()) {
            say("1. Started %s on %s:%d.%n   %s%n", srv.name(), srv.host(), srv.port(), srv.note());
            int inbox = messages * 60 / 100;
            int archive = messages * 25 / 100;
            int lists = messages - inbox - archive;
            long bytes = fill(srv, profile, inbox, archive, lists);
            say("%n2. Filled it with %s %s messages (%s): INBOX %s, Archive %s, Lists %s.%n", Format.count(messages),
                    profile == MessageFactory.SizeProfile.REALISTIC ? "realistic" : "small", Format.bytes(bytes),
                    Format.count(inbox), Format.count(archive), Format.count(lists));

            AccountConfig account = AccountConfig.builder(ACCOUNT).host(srv.host()).port(srv.port())
                    .security(Security.NONE).allowInsecure(true).user(srv.user()).folders(FolderSelection.ALL)
                    .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(60)).build();
            CredentialsProvider credentials = (acc, failed) -> {
                if (failed) {
                    throw ImapStatus.exception(ImapError.AUTHENTICATION, acc.id(), null, "the demo server refused", null);
                }
                return Credentials.password(srv.user(), srv.password().toCharArray());
            };
            if (store.account(ACCOUNT).isPresent()) {
                // a replica of an earlier demo belongs to a server that is gone
                store.write(tx -> {
                    tx.removeAccount(ACCOUNT);
                    return null;
                });
            }

            say("%n3. First sync into the store at %s:%n", store.location());
            SyncResult first = sync(account, credentials);
            json.add("firstSync", Reports.json(first, Failures.exitCode(first.status())));
            print(first);

            List<MailboxName> boxes = first.reports().stream().map(r -> r.mailbox().name()).toList();
            NaiveDiff naive = new NaiveDiff(ctx.wiring().transport(), account, credentials);
            Map<MailboxName, NaiveDiff.Known> naiveKnows = new HashMap<>();
            try (Progress p = new Progress(ctx.env(), Progress.Mode.NONE, ACCOUNT)) {
                naive.pass(boxes, naiveKnows, false, p); // what a naive client knows after its own first sync
            }

            say("%n4. A second device changed the mailboxes:%n");
            Changes changes = change(srv);

            say("%n5. Second sync:%n");
            SyncResult second = sync(account, credentials);
            json.add("secondSync", Reports.json(second, Failures.exitCode(second.status())));
            print(second);
            long added = 0;
            long changed = 0;
            long vanished = 0;
            long moved = 0;
            long reidentified = 0;
            List<String> resets = new ArrayList<>();
            for (SyncReport r : second.reports()) {
                added += r.added();
                changed += r.changed();
                vanished += r.vanished();
                if (r.uidValidityReset()) {
                    // the engine counts messages kept across a new UIDVALIDITY epoch as relinked
                    resets.add(r.mailbox().name().value());
                    reidentified += r.moved();
                } else {
                    moved += r.moved();
                }
            }
            say("   Detected: %s new, %s vanished, %s with changed flags, %s moved (relinked, not downloaded again)%s.%n",
                    Format.count(added), Format.count(vanished), Format.count(changed), Format.count(moved),
                    resets.isEmpty() ? "" : "; UIDVALIDITY reset of " + String.join(", ", resets) + ": "
                            + Format.count(reidentified) + " messages re-identified and kept");

            NaiveDiff.Cost cost;
            try (Progress p = new Progress(ctx.env(), Progress.Mode.NONE, ACCOUNT)) {
                cost = naive.pass(boxes, naiveKnows, true, p);
            }
            compare(second, cost);
            json.add("naive", naive(cost));
            json.add("secondDevice", changes.json());
        }
        say("%nThe replica stays in the store (%s). Try:%n  ./tidemark status demo%n  ./tidemark ls demo INBOX%n"
                + "The demo server has stopped, so account 'demo' cannot be synced again; run ./tidemark demo anew.%n"
                + "Demo done in %s.%n", store.location(), Format.duration(Duration.between(t0, Instant.now())));
        if (ctx.json()) {
            json.addProperty("store", store.location());
            json.addProperty("account", ACCOUNT.value());
            ctx.out().println(Reports.GSON.toJson(json));
        }
        return 0;
    }

    private void say(String format, Object... args) {
        if (!ctx.quiet() && !ctx.json()) {
            ctx.out().printf(format, args);
            ctx.out().flush();
        }
    }

    private void print(SyncResult r) {
        Syncs.printProblems(ctx, r);
        if (!ctx.quiet() && !ctx.json()) {
            java.io.StringWriter sw = new java.io.StringWriter();
            Reports.print(new java.io.PrintWriter(sw), r);
            for (String line : sw.toString().split("\\R")) {
                ctx.out().println("   " + line);
            }
        }
        if (!r.status().isOK() && Failures.exitCode(r.status()) != ExitCode.OK) {
            throw new Failure(Failures.exitCode(r.status()), "the demo sync failed: "
                    + Failures.oneLine(Failures.worst(r.status()).map(s -> s.getMessage()).orElse(r.status().getMessage())),
                    null);
        }
    }

    private SyncResult sync(AccountConfig account, CredentialsProvider credentials) throws CoreException {
        Progress.Mode mode = ctx.progressMode() == Progress.Mode.LINES && !ctx.verbose() ? Progress.Mode.NONE
                : ctx.progressMode();
        return Syncs.run(ctx, SyncRequest.of(account, credentials), mode);
    }

    // ---------------------------------------------------------------- the server

    private DemoServer start() {
        String s = server.toLowerCase(Locale.ROOT);
        if (s.equals("greenmail")) {
            return DemoServer.greenMail();
        }
        if (s.equals("dovecot")) {
            if (!Files.isExecutable(DovecotServer.DOVECOT)) {
                throw Failure.of(ExitCode.USAGE, "Dovecot is not installed (" + DovecotServer.DOVECOT + "); install "
                        + "the " + DovecotServer.APT_PACKAGE + " package, or run the demo without --server");
            }
            return DemoServer.dovecot();
        }
        throw Failure.of(ExitCode.USAGE, "--server takes greenmail or dovecot");
    }

    /** Appends the messages with realistic flags; returns their total size. */
    private long fill(DemoServer srv, MessageFactory.SizeProfile profile, int inbox, int archive, int lists) {
        MessageFactory f = new MessageFactory(seed, profile);
        Random r = new Random(seed);
        long bytes = 0;
        int done = 0;
        boolean tty = ctx.env().terminal().interactive() && !ctx.quiet() && !ctx.json();
        try (OtherClient c = srv.otherClient()) {
            c.create(ARCHIVE.value());
            c.create(LISTS.value());
            c.subscribe(ARCHIVE.value());
            c.subscribe(LISTS.value());
            String[][] plan = { { "INBOX", Integer.toString(inbox) }, { ARCHIVE.value(), Integer.toString(archive) },
                    { LISTS.value(), Integer.toString(lists) } };
            for (String[] box : plan) {
                int n = Integer.parseInt(box[1]);
                for (int i = 0; i < n; i++) {
                    MessageFactory.Message m = f.next();
                    List<String> flags = new ArrayList<>();
                    // older mail is mostly read; a few are flagged or answered
                    if (r.nextInt(100) < (box[0].equals("INBOX") ? 80 : 97)) {
                        flags.add("\\Seen");
                    }
                    if (r.nextInt(100) < 4) {
                        flags.add("\\Flagged");
                    }
                    if (r.nextInt(100) < 10) {
                        flags.add("\\Answered");
                    }
                    c.append(box[0], m.bytes(), m.date(), flags.toArray(new String[0]));
                    bytes += m.size();
                    if (tty && ++done % 100 == 0) {
                        ctx.err().print("\r   appending " + Format.count(done) + " of " + Format.count(messages) + "\u001b[K");
                        ctx.err().flush();
                    }
                }
            }
        }
        if (tty) {
            ctx.err().print("\r\u001b[K");
            ctx.err().flush();
        }
        return bytes;
    }

    /** What the second device did. */
    private record Changes(int added, int deleted, int flagged, int moved, long oldValidity, long newValidity) {
        JsonObject json() {
            JsonObject o = new JsonObject();
            o.addProperty("added", added);
            o.addProperty("deleted", deleted);
            o.addProperty("flagChanges", flagged);
            o.addProperty("moved", moved);
            o.addProperty("uidValidityBefore", oldValidity);
            o.addProperty("uidValidityAfter", newValidity);
            return o;
        }
    }

    private Changes change(DemoServer srv) {
        Random r = new Random(seed + 1);
        int newMail = Math.max(10, messages / 75);
        int deletions = Math.max(10, messages / 50);
        int flagChanges = Math.max(20, messages / 20);
        int moves = Math.max(5, messages / 120);
        MessageFactory f = new MessageFactory(seed + 1, profile);
        long oldValidity;
        try (OtherClient c = srv.otherClient()) {
            MailboxSnapshot inbox = c.snapshot("INBOX");
            List<Long> uids = new ArrayList<>(inbox.flags().keySet());
            Collections.shuffle(uids, r);
            List<Long> deleted = new ArrayList<>(uids.subList(0, deletions));
            List<Long> moved = new ArrayList<>(uids.subList(deletions, deletions + moves));
            List<Long> flaggedInbox = new ArrayList<>(uids.subList(deletions + moves, deletions + moves + flagChanges / 2));
            MailboxSnapshot archive = c.snapshot(ARCHIVE.value());
            List<Long> arch = new ArrayList<>(archive.flags().keySet());
            Collections.shuffle(arch, r);
            List<Long> flaggedArchive = new ArrayList<>(arch.subList(0, flagChanges - flagChanges / 2));

            for (int i = 0; i < newMail; i++) {
                MessageFactory.Message m = f.next();
                c.append("INBOX", m.bytes(), Instant.now());
            }
            say("   - %d new messages arrived in INBOX%n", newMail);
            c.expunge("INBOX", deleted);
            say("   - %d messages deleted (expunged) from INBOX%n", deletions);
            flagChanges(c, "INBOX", inbox, flaggedInbox);
            flagChanges(c, ARCHIVE.value(), archive, flaggedArchive);
            say("   - %d messages got other flags (read/unread, flagged, keyword $Important) in INBOX and Archive%n",
                    flagChanges);
            c.move("INBOX", moved, ARCHIVE.value());
            say("   - %d messages moved from INBOX to Archive%n", moves);
            oldValidity = c.snapshot(LISTS.value()).uidValidity();
        }
        long newValidity = srv.resetUidValidity(LISTS.value(), oldValidity);
        say("   - Lists was rebuilt on the server: UIDVALIDITY %d -> %d, so every UID in it changed%n", oldValidity,
                newValidity);
        return new Changes(newMail, deletions, flagChanges, moves, oldValidity, newValidity);
    }

    /** Toggles read state, the flag or a keyword of each message, one kind in three. */
    private static void flagChanges(OtherClient c, String mailbox, MailboxSnapshot before, List<Long> uids) {
        List<Long> toRead = new ArrayList<>();
        List<Long> toUnread = new ArrayList<>();
        List<Long> toFlag = new ArrayList<>();
        List<Long> toUnflag = new ArrayList<>();
        List<Long> toKeyword = new ArrayList<>();
        for (int i = 0; i < uids.size(); i++) {
            long uid = uids.get(i);
            java.util.Set<String> f = before.flags().get(uid);
            switch (i % 3) {
                case 0 -> (f.contains("\\Seen") ? toUnread : toRead).add(uid);
                case 1 -> (f.contains("\\Flagged") ? toUnflag : toFlag).add(uid);
                default -> toKeyword.add(uid);
            }
        }
        if (!toRead.isEmpty()) {
            c.addFlags(mailbox, toRead, "\\Seen");
        }
        if (!toUnread.isEmpty()) {
            c.removeFlags(mailbox, toUnread, "\\Seen");
        }
        if (!toFlag.isEmpty()) {
            c.addFlags(mailbox, toFlag, "\\Flagged");
        }
        if (!toUnflag.isEmpty()) {
            c.removeFlags(mailbox, toUnflag, "\\Flagged");
        }
        if (!toKeyword.isEmpty()) {
            c.addFlags(mailbox, toKeyword, "$Important");
        }
    }

    // ---------------------------------------------------------------- the comparison

    private void compare(SyncResult second, NaiveDiff.Cost naive) {
        Format.Table t = new Format.Table(new String[] { "MAILBOX", "TIDEMARK", "BYTES IN", "CMDS", "DOWNLOADED", "|",
                "NAIVE", "BYTES IN", "CMDS", "DOWNLOADED" }, false, false, true, true, true, false, false, true, true,
                true);
        TrafficCounters mailboxTraffic = TrafficCounters.ZERO;
        TrafficCounters naiveMailboxes = TrafficCounters.ZERO;
        for (SyncReport r : second.reports()) {
            NaiveDiff.Cost n = naive.mailboxes().get(r.mailbox().name());
            mailboxTraffic = mailboxTraffic.plus(r.traffic());
            String what = r.strategy() + (r.uidValidityReset() ? ", reset" : "");
            String got = Format.count(r.added()) + (r.moved() > 0 ? " (+" + Format.count(r.moved())
                    + (r.uidValidityReset() ? " re-identified)" : " relinked)") : "");
            if (n == null) {
                t.row(r.mailbox().name(), what, Format.bytes(r.traffic().bytesIn()), r.traffic().commands(), got, "|", "-",
                        "-", "-", "-");
                continue;
            }
            naiveMailboxes = naiveMailboxes.plus(n.traffic());
            t.row(r.mailbox().name(), what, Format.bytes(r.traffic().bytesIn()), r.traffic().commands(), got, "|",
                    "FETCH 1:*", Format.bytes(n.traffic().bytesIn()), n.traffic().commands(), Format.count(n.added()));
        }
        TrafficCounters session = second.traffic().minus(mailboxTraffic);
        TrafficCounters naiveSession = naive.traffic().minus(naiveMailboxes);
        t.row("(login, LIST)", "", Format.bytes(session.bytesIn()), session.commands(), "", "|", "",
                Format.bytes(naiveSession.bytesIn()), naiveSession.commands(), "");
        t.row("total", "", Format.bytes(second.traffic().bytesIn()), second.traffic().commands(), "", "|", "",
                Format.bytes(naive.traffic().bytesIn()), naive.traffic().commands(), Format.count(naive.added()));
        say("%n6. What finding and fetching those changes cost, side by side with the naive full diff (examine every "
                + "mailbox,%n   FETCH 1:* (UID FLAGS), compare with the UIDs and flags seen last time, download every "
                + "unknown UID),%n   measured just now on the same server with the same transport:%n");
        for (String line : t.toString().split("\\R")) {
            say("   %s%n", line);
        }
        say("   Bytes sent: Tidemark %s, naive %s. Time: Tidemark %s (writing the replica included), naive %s (it "
                + "stores nothing).%n", Format.bytes(second.traffic().bytesOut()), Format.bytes(naive.traffic().bytesOut()),
                Format.duration(second.duration()), Format.duration(naive.time()));
        say("   The naive diff cannot tell a move from a deletion plus new mail, and after a UIDVALIDITY change it must "
                + "download%n   the whole mailbox again; Tidemark relinks both without downloading.%n");
    }

    private static JsonObject naive(NaiveDiff.Cost c) {
        JsonObject o = new JsonObject();
        o.addProperty("added", c.added());
        o.addProperty("vanished", c.vanished());
        o.addProperty("changed", c.changed());
        o.add("traffic", Reports.traffic(c.traffic()));
        o.addProperty("millis", c.time().toMillis());
        if (!c.mailboxes().isEmpty()) {
            JsonObject per = new JsonObject();
            c.mailboxes().forEach((name, cost) -> per.add(name.value(), naive(cost)));
            o.add("mailboxes", per);
        }
        return o;
    }

    // ---------------------------------------------------------------- servers

    /** The demo's IMAP server. */
    interface DemoServer extends AutoCloseable {
        String name();

        String note();

        String host();

        int port();

        String user();

        String password();

        OtherClient otherClient();

        /** Gives the mailbox a new UIDVALIDITY; returns it. */
        long resetUidValidity(String mailbox, long old);

        @Override
        void close();

        static DemoServer greenMail() {
            GreenMailServer g = GreenMailServer.start();
            return new DemoServer() {
                @Override
                public String name() {
                    return "GreenMail 2.1.8, an IMAP server inside this process,";
                }

                @Override
                public String note() {
                    return "It offers plain IMAP4rev1 with UIDPLUS and MOVE but no CONDSTORE or QRESYNC, so Tidemark "
                            + "uses its fallback: UIDNEXT/EXISTS short-cuts and windowed UID FETCH flag scans.";
                }

                @Override
                public String host() {
                    return g.host();
                }

                @Override
                public int port() {
                    return g.port();
                }

                @Override
                public String user() {
                    return g.user();
                }

                @Override
                public String password() {
                    return g.password();
                }

                @Override
                public OtherClient otherClient() {
                    return g.otherClient();
                }

                @Override
                public long resetUidValidity(String mailbox, long old) {
                    GreenMailQuirks.dropStaleListeners(g, mailbox);
                    return g.resetUidValidity(mailbox);
                }

                @Override
                public void close() {
                    g.close();
                }
            };
        }

        static DemoServer dovecot() {
            // in the temp folder: Dovecot's sockets need short paths (108 bytes), and it is gone after the demo
            DovecotServer d = DovecotServer.start(CapabilityProfile.FULL);
            return new DemoServer() {
                @Override
                public String name() {
                    return "a private Dovecot (" + DovecotServer.DOVECOT + ", its own configuration and maildir)";
                }

                @Override
                public String note() {
                    return "It offers CONDSTORE and QRESYNC, so a resync of an unchanged mailbox is one SELECT.";
                }

                @Override
                public String host() {
                    return d.host();
                }

                @Override
                public int port() {
                    return d.port();
                }

                @Override
                public String user() {
                    return d.user();
                }

                @Override
                public String password() {
                    return d.password();
                }

                @Override
                public OtherClient otherClient() {
                    return d.otherClient();
                }

                @Override
                public long resetUidValidity(String mailbox, long old) {
                    long fresh = old + 1000;
                    d.forceUidValidity(mailbox, fresh);
                    return fresh;
                }

                @Override
                public void close() {
                    d.close();
                }
            };
        }
    }
}
