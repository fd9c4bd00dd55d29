/*
 * SPDX-License-Identifier: EPL-2.0
 */
import java.lang.management.ManagementFactory;
import java.util.EnumSet;
import java.util.List;

import io.tidemark.imap.angus.internal.AngusImapTransport;
import io.tidemark.imap.api.Credentials;
import io.tidemark.imap.api.FetchItem;
import io.tidemark.imap.api.FetchSpec;
import io.tidemark.imap.api.ImapSession;
import io.tidemark.imap.api.ListRequest;
import io.tidemark.imap.api.MessageSink;
import io.tidemark.imap.api.SelectOptions;
import io.tidemark.imap.api.SelectResult;
import io.tidemark.imap.api.SessionOptions;
import io.tidemark.model.AccountConfig;
import io.tidemark.model.MailboxInfo;
import io.tidemark.model.UidSet;

/**
 * The download part of an initial sync and nothing else: what Tidemark's first sync would cost if storing
 * were free. Same transport, same items as the engine's first sync (FLAGS MODSEQ RFC822.SIZE INTERNALDATE
 * ENVELOPE BODYSTRUCTURE and BODY.PEEK[] or BODY.PEEK[HEADER]), the engine's window of 2,000 UIDs, every
 * selectable mailbox; each message is decoded and dropped. No OSGi framework, no store, no engine.
 * <p>
 * Arguments: URL (imap+plain://user@host:port or imaps://...), {@code full|headers}. The password comes from
 * {@code TIDEMARK_PASSWORD}. Prints messages, bytes, wall time and the CPU time of the decoding thread.
 */
public final class TransportOnly {

    private static final long WINDOW = 2_000;

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !List.of("full", "headers").contains(args[1])) {
            System.err.println("usage: TransportOnly URL full|headers (password in TIDEMARK_PASSWORD)");
            System.exit(2);
        }
        String password = System.getenv("TIDEMARK_PASSWORD");
        if (password == null) {
            System.err.println("TransportOnly: set TIDEMARK_PASSWORD");
            System.exit(2);
        }
        AccountConfig account = AccountConfig.fromUrl("bench", args[0], true).build();
        EnumSet<FetchItem> items = EnumSet.of(FetchItem.FLAGS, FetchItem.MODSEQ, FetchItem.SIZE,
                FetchItem.INTERNALDATE, FetchItem.ENVELOPE, FetchItem.BODYSTRUCTURE,
                args[1].equals("full") ? FetchItem.BODY : FetchItem.HEADER);
        FetchSpec spec = new FetchSpec(items, List.of(), 0, false);
        long[] messages = new long[1];
        MessageSink drop = m -> messages[0]++;
        AngusImapTransport transport = new AngusImapTransport();
        long t0 = System.nanoTime();
        try (ImapSession s = transport.open(account,
                (a, folder) -> Credentials.password(a.user(), password.toCharArray()), SessionOptions.DEFAULT, null)) {
            int mailboxes = 0;
            for (MailboxInfo mb : s.list(ListRequest.ALL, null)) {
                if (!mb.selectable()) {
                    continue;
                }
                SelectResult sel = s.select(mb.name(), SelectOptions.CONDSTORE, MessageSink.NONE, null);
                mailboxes++;
                if (sel.uidNext() <= 1) {
                    continue;
                }
                for (UidSet window : UidSet.range(1, sel.uidNext() - 1).split(WINDOW)) {
                    s.fetch(window, spec, drop, null);
                }
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("%,d messages in %d mailboxes, %,d bytes in, %,d commands, %,d ms; decoding thread"
                    + " CPU %,d ms (stored nothing)%n", messages[0], mailboxes, s.counters().bytesIn(),
                    s.counters().commands(), ms,
                    ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000);
        } finally {
            transport.deactivate();
        }
    }
}
