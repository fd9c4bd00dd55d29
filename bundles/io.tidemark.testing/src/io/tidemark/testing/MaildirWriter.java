/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

import io.tidemark.model.SystemFlag;
import io.tidemark.testing.internal.ModifiedUtf7;
import io.tidemark.testing.internal.Posix;

/**
 * Writes generated messages straight into a Dovecot maildir ({@code maildir:~/Maildir}, Maildir++
 * layout), so a mailbox of 100,000 or 1,000,000 messages exists in about 15 s or 90 s (measured on a
 * loaded two-core machine; disk and RAM disk alike) instead of the hours an IMAP APPEND of each would take.
 * Dovecot then indexes 100,000 new files in about 0.5 s and a million in about 11 s on the first SELECT.
 * Put a million messages on a RAM disk with {@link DovecotServer.Builder#parentDirectory}. It works before Dovecot starts and while it runs: Dovecot notices the new
 * files on the next SELECT, STATUS or NOOP and gives them UIDs then, in the order of the file names,
 * which is the order of writing.
 * <p>
 * Each message goes to {@code cur/<writer's start time>.M<n>P<pid>Q<n>.tidemark<id>,S=<size>,W=<size>:2,<flags>} with its
 * generated CRLF bytes unchanged (so {@code S} = {@code W} = RFC822.SIZE), the Date header's instant as
 * modification time (Dovecot's INTERNALDATE), and the userdb's uid/gid as owner. Only system flags are
 * written ({@code \Seen} S, {@code \Answered} R, {@code \Flagged} F, {@code \Draft} D, {@code \Deleted} T);
 * keywords would need Dovecot's {@code dovecot-keywords} index and are not supported: add them through
 * IMAP ({@link OtherClient#addFlags}) instead.
 * <p>
 * Mailbox names use {@code /} as separator ({@link DovecotServer#SEPARATOR}) and are stored in modified
 * UTF-7 as Dovecot does ({@code Archive/2024} is folder {@code .Archive.2024}); a name containing
 * {@code .} is refused, as Dovecot refuses it with this layout. New folders are subscribed.
 * <p>
 * Not thread-safe; the writing methods do file I/O and throw {@link UncheckedIOException} naming the
 * file on failure.
 *
 * @since 0.1
 */
public final class MaildirWriter {

    /**
     * What one {@link MaildirWriter#write} call did.
     *
     * @param mailbox the mailbox written to
     * @param messages how many messages were written
     * @param bytes their total size
     * @param flagCounts how many messages got each system flag (every flag has an entry)
     * @param elapsed how long the writing took
     * @since 0.1
     */
    public record Result(String mailbox, int messages, long bytes, Map<SystemFlag, Integer> flagCounts,
            Duration elapsed) {

        /** Copies the map. */
        public Result {
            flagCounts = Collections.unmodifiableMap(new EnumMap<>(flagCounts));
        }

        /**
         * @param flag a system flag
         * @return how many written messages have it
         */
        public int count(SystemFlag flag) {
            return flagCounts.getOrDefault(flag, 0);
        }
    }

    private static final String HOST = "tidemark";

    private final Path root;
    private final int uid;
    private final int gid;
    private final boolean chown;
    private final String unique = HexFormat.of().toHexDigits((int) (System.nanoTime() ^ ProcessHandle.current().pid()));
    private final long createdSeconds = System.currentTimeMillis() / 1000;
    private long sequence;

    /**
     * @param root the maildir root (the INBOX folder, e.g. {@code ~/Maildir})
     * @param uid the owner to give files and folders (ignored unless this process runs as root)
     * @param gid the group to give them
     */
    public MaildirWriter(Path root, int uid, int gid) {
        this.root = Objects.requireNonNull(root, "root");
        this.uid = uid;
        this.gid = gid;
        this.chown = Posix.isRoot() && (uid != 0 || gid != 0);
    }

    /**
     * The default flag choice, deterministic per seed: about 75 % {@code \Seen}, 12 % {@code \Answered},
     * 8 % {@code \Flagged}, nothing else.
     *
     * @param seed the seed
     * @return message index to flags
     */
    public static IntFunction<Set<SystemFlag>> realisticFlags(long seed) {
        return i -> {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
            EnumSet<SystemFlag> f = EnumSet.noneOf(SystemFlag.class);
            if (r.nextInt(100) < 75) {
                f.add(SystemFlag.SEEN);
            }
            if (r.nextInt(100) < 12) {
                f.add(SystemFlag.ANSWERED);
            }
            if (r.nextInt(100) < 8) {
                f.add(SystemFlag.FLAGGED);
            }
            return f;
        };
    }

    /**
     * Writes {@code count} messages from the factory with {@link #realisticFlags(long) realistic flags}
     * (seeded with the factory's seed).
     *
     * @param mailbox the mailbox, created (and subscribed) if missing
     * @param count how many messages
     * @param factory where the messages come from
     * @return what was written
     */
    public Result write(String mailbox, int count, MessageFactory factory) {
        return write(mailbox, count, factory, realisticFlags(factory.seed()));
    }

    /**
     * Writes {@code count} messages from the factory.
     *
     * @param mailbox the mailbox, created (and subscribed) if missing
     * @param count how many messages
     * @param factory where the messages come from
     * @param flags the system flags of the i-th message written by this call (from 0)
     * @return what was written
     */
    public Result write(String mailbox, int count, MessageFactory factory, IntFunction<Set<SystemFlag>> flags) {
        long t0 = System.nanoTime();
        Path folder = createMailbox(mailbox);
        Path cur = folder.resolve("cur");
        Map<SystemFlag, Integer> counts = new EnumMap<>(SystemFlag.class);
        for (SystemFlag f : SystemFlag.values()) {
            counts.put(f, 0);
        }
        long bytes = 0;
        long pid = ProcessHandle.current().pid();
        for (int i = 0; i < count; i++) {
            MessageFactory.Message m = factory.next();
            Set<SystemFlag> fl = flags.apply(i);
            fl.forEach(f -> counts.merge(f, 1, Integer::sum));
            long n = ++sequence;
            // Dovecot gives new files UIDs in file-name order: one time prefix per writer and a zero-padded
            // sequence keep that order equal to the writing order (the message date is the mtime instead)
            String name = String.format("%d.M%09dP%dQ%d.%s%s,S=%d,W=%d:2,%s", createdSeconds, n, pid, n, HOST, unique,
                    m.size(), m.size(), letters(fl));
            Path file = cur.resolve(name);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(m.bytes());
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + file, e);
            }
            try {
                Files.setLastModifiedTime(file, FileTime.from(m.date()));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot set the time of " + file, e);
            }
            if (chown) {
                Posix.chown(file, uid, gid);
            }
            bytes += m.size();
        }
        return new Result(mailbox, count, bytes, counts, Duration.ofNanos(System.nanoTime() - t0));
    }

    /**
     * Creates {@code folders} mailboxes {@code prefix01, prefix02, ...} with {@code messagesEach} messages
     * each, e.g. {@code createFolders("Folder", 20, 1000, factory)}.
     *
     * @param prefix the name prefix (may contain {@code /} for a parent)
     * @param folders how many
     * @param messagesEach messages per mailbox
     * @param factory where the messages come from
     * @return one result per mailbox
     */
    public List<Result> createFolders(String prefix, int folders, int messagesEach, MessageFactory factory) {
        List<Result> results = new ArrayList<>();
        int digits = Math.max(2, Integer.toString(folders).length());
        for (int i = 1; i <= folders; i++) {
            results.add(write(prefix + String.format("%0" + digits + "d", i), messagesEach, factory));
        }
        return results;
    }

    /**
     * Creates a mailbox's folder ({@code cur}, {@code new}, {@code tmp}, {@code maildirfolder}) if missing,
     * and subscribes it.
     *
     * @param mailbox the mailbox name
     * @return its folder
     */
    public Path createMailbox(String mailbox) {
        Path folder = folderOf(root, mailbox);
        try {
            mkdir(root);
            mkdir(folder);
            for (String sub : List.of("cur", "new", "tmp")) {
                mkdir(folder.resolve(sub));
            }
            if (!folder.equals(root)) {
                Path marker = folder.resolve("maildirfolder");
                if (!Files.exists(marker)) {
                    Files.createFile(marker);
                    own(marker);
                }
                subscribe(mailbox);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create maildir folder " + folder, e);
        }
        return folder;
    }

    /**
     * Adds a mailbox to Dovecot's {@code subscriptions} file (version 2 format: a {@code V\t2} header,
     * then one name per line with the hierarchy separator as TAB). Do not call this while an IMAP client
     * changes subscriptions.
     *
     * @param mailbox the mailbox name
     */
    public void subscribe(String mailbox) {
        if (mailbox.equalsIgnoreCase("INBOX")) {
            return;
        }
        Path file = root.resolve("subscriptions");
        String line = ModifiedUtf7.encode(mailbox).replace(DovecotServer.SEPARATOR, '\t');
        try {
            List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8))
                    : new ArrayList<>(List.of("V\t2", ""));
            if (lines.contains(line)) {
                return;
            }
            lines.add(line);
            Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            own(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot update " + file, e);
        }
    }

    /**
     * @param root a maildir root
     * @param mailbox a mailbox name with {@code /} as separator
     * @return the mailbox's folder in the Maildir++ layout
     * @throws IllegalArgumentException if the name cannot be stored in this layout
     */
    static Path folderOf(Path root, String mailbox) {
        if (mailbox.equalsIgnoreCase("INBOX")) {
            return root;
        }
        if (mailbox.isEmpty() || mailbox.contains(".") || mailbox.startsWith("/") || mailbox.endsWith("/")
                || mailbox.contains("//")) {
            throw new IllegalArgumentException("Mailbox name not storable in Maildir++ with '/' as separator: '"
                    + mailbox + "'");
        }
        return root.resolve("." + ModifiedUtf7.encode(mailbox).replace(DovecotServer.SEPARATOR, '.'));
    }

    private void mkdir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            Posix.chmod(dir, "rwx------");
            own(dir);
        }
    }

    private void own(Path p) {
        if (chown) {
            Posix.chown(p, uid, gid);
        }
    }

    private static String letters(Set<SystemFlag> flags) {
        // Maildir wants the info letters in ASCII order: D F P R S T
        StringBuilder b = new StringBuilder(5);
        if (flags.contains(SystemFlag.DRAFT)) {
            b.append('D');
        }
        if (flags.contains(SystemFlag.FLAGGED)) {
            b.append('F');
        }
        if (flags.contains(SystemFlag.ANSWERED)) {
            b.append('R');
        }
        if (flags.contains(SystemFlag.SEEN)) {
            b.append('S');
        }
        if (flags.contains(SystemFlag.DELETED)) {
            b.append('T');
        }
        return b.toString();
    }
}
