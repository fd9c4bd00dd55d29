/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import org.eclipse.core.runtime.CoreException;

import io.tidemark.model.AccountId;
import io.tidemark.store.api.MailStore;

/**
 * Frees the account lease of an earlier {@code tidemark} process that was killed while syncing.
 * <p>
 * The engine takes a lease on the account in the store for every sync ({@code MailStore.tryLease}, one hour,
 * owner {@code pid@host}) so that two workers sharing a store never sync one account at once, and gives it back
 * when the sync ends. A process killed mid-sync (SIGKILL, power loss) cannot give it back, and every later sync
 * of the account would fail with ACCOUNT_BUSY for the rest of the hour. So each run notes, in a file of the data
 * folder, which owner name it syncs an account under, and removes the note when done; a later run that finds a
 * note of an owner on this host whose process is gone releases that owner's lease before syncing. Owners on other
 * hosts (a shared PostgreSQL store) are left to expire: this host cannot tell whether they live.
 */
final class StaleLeases {

    private static final String OWNER = ManagementFactory.getRuntimeMXBean().getName();

    /** The note of a running sync; closing removes it. */
    interface Note extends AutoCloseable {
        @Override
        void close();
    }

    private StaleLeases() {
    }

    /** @return this process's owner name, as the engine in this JVM uses it */
    static String owner() {
        return OWNER;
    }

    /**
     * Releases a dead local process's lease on the account, then notes this process as the account's syncer.
     *
     * @return the note to close when the sync ended
     */
    static Note claim(Context ctx, MailStore store, AccountId account) {
        Path note = note(ctx, store, account);
        try {
            Optional<String> earlier = Files.exists(note)
                    ? Optional.of(Files.readString(note, StandardCharsets.UTF_8).strip())
                    : Optional.empty();
            if (earlier.isPresent() && !earlier.get().equals(OWNER) && deadHere(earlier.get())) {
                store.releaseLease(account, earlier.get());
                if (ctx.verbose()) {
                    ctx.err().println("tidemark: an earlier run (" + earlier.get() + ") ended during a sync of '"
                            + account + "'; its lease on the account is released");
                }
            }
            Files.createDirectories(note.getParent());
            Files.writeString(note, OWNER, StandardCharsets.UTF_8);
        } catch (IOException | CoreException e) {
            // without the note a later run after a crash may find the account busy for an hour; say so and go on
            ctx.err().println("tidemark: warning: cannot note this run in " + note + ": " + e.getMessage());
        }
        return () -> {
            try {
                Files.deleteIfExists(note);
            } catch (IOException e) {
                // a stale note only makes a later run check whether this process still lives
            }
        };
    }

    private static Path note(Context ctx, MailStore store, AccountId account) {
        String key;
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(store.location().getBytes(StandardCharsets.UTF_8));
            key = HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            key = Integer.toHexString(store.location().hashCode());
        }
        return ctx.env().dataDir().resolve("run").resolve(key + "-" + account.value() + ".syncing");
    }

    /** @return whether {@code owner} ({@code pid@host}) names a process of this host that no longer runs */
    static boolean deadHere(String owner) {
        int at = owner.indexOf('@');
        if (at <= 0) {
            return false;
        }
        String host = owner.substring(at + 1);
        String ours = OWNER.substring(OWNER.indexOf('@') + 1);
        if (!host.equals(ours)) {
            return false;
        }
        try {
            long pid = Long.parseLong(owner.substring(0, at));
            return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
