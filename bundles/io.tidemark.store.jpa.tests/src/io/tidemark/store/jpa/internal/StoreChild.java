/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.CoreException;

import io.tidemark.model.AccountId;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.store.api.MailboxSyncState;
import io.tidemark.store.api.MessageContent;
import io.tidemark.store.api.MessageRecord;

/**
 * The main class of {@link ChildJvm}s: the store in another process.
 * <ul>
 * <li>{@code hold FOLDER}: opens the H2 store in FOLDER, prints {@code READY}, keeps it open until standard
 * input closes.</li>
 * <li>{@code write FOLDER PER_TX}: appends transactions of PER_TX messages with content, for ever; prints
 * {@code BEGIN n} inside the n-th transaction and {@code COMMITTED n} after its commit returned.</li>
 * </ul>
 * Transaction n writes the messages {@code (n-1)*PER_TX+1 .. n*PER_TX} and records n as the mailbox's
 * HIGHESTMODSEQ and the total as EXISTS, so that a reader can tell a whole transaction from part of one.
 */
public final class StoreChild {

    static final AccountId ACCOUNT = AccountId.of("crash");
    static final MailboxRef INBOX = new MailboxRef(ACCOUNT, MailboxName.INBOX);

    private StoreChild() {
    }

    public static void main(String[] args) throws Exception {
        JpaMailStore store = new JpaMailStore(StoreSettings.h2(Path.of(args[1])));
        try {
            store.open();
        } catch (CoreException e) {
            System.out.println("FAILED " + e.getStatus().getMessage());
            System.exit(2);
        }
        switch (args[0]) {
            case "hold" -> {
                System.out.println("READY");
                System.out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                while (in.readLine() != null) {
                    // hold the database until the parent closes our input
                }
                store.close();
            }
            case "write" -> write(store, Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void write(JpaMailStore store, int perTx) throws CoreException {
        if (store.account(ACCOUNT).isEmpty()) {
            store.write(tx -> {
                tx.putAccount(Samples.account(ACCOUNT));
                tx.putMailbox(Samples.mailbox(INBOX));
                tx.putSyncState(INBOX, MailboxSyncState.initial(1));
                return null;
            });
        }
        long n = store.syncState(INBOX).orElseThrow().highestModSeq();
        while (true) {
            long tx = ++n;
            store.write(t -> {
                System.out.println("BEGIN " + tx);
                System.out.flush();
                long first = (tx - 1) * perTx + 1;
                List<MessageRecord> window = new ArrayList<>(perTx);
                for (long uid = first; uid < first + perTx; uid++) {
                    window.add(Samples.message(uid));
                }
                t.putMessages(INBOX, window);
                for (long uid = first; uid < first + perTx; uid++) {
                    t.putContent(INBOX, uid, content(uid));
                }
                t.putSyncState(INBOX, MailboxSyncState.initial(1).withCounters(first + perTx, tx, first + perTx - 1,
                        tx * perTx));
                return null;
            });
            System.out.println("COMMITTED " + tx);
            System.out.flush();
        }
    }

    static MessageContent content(long uid) {
        byte[] body = new byte[2048];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (uid * 31 + i);
        }
        return new MessageContent("(\"TEXT\" \"PLAIN\")", ("Subject: " + uid + "\r\n\r\n").getBytes(
                StandardCharsets.US_ASCII), body);
    }
}
