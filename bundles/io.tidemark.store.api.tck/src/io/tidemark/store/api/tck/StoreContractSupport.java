/* SPDX-License-Identifier: EPL-2.0 */
package io.tidemark.store.api.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.eclipse.core.runtime.CoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.function.Executable;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.model.Address;
import io.tidemark.model.AuthMechanism;
import io.tidemark.model.BodyPolicy;
import io.tidemark.model.Envelope;
import io.tidemark.model.Flags;
import io.tidemark.model.FolderSelection;
import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.Security;
import io.tidemark.store.api.JournalEntry;
import io.tidemark.store.api.MailStore;
import io.tidemark.store.api.MailboxDelta;
import io.tidemark.store.api.MailboxRecord;
import io.tidemark.store.api.MailboxSyncState;
import io.tidemark.store.api.MessageContent;
import io.tidemark.store.api.MessageRecord;
import io.tidemark.store.api.StoreDelta;
import io.tidemark.store.api.StoreError;
import io.tidemark.store.api.StoreListener;
import io.tidemark.store.api.StoreStatus;
import io.tidemark.store.api.StoreTransaction;
import io.tidemark.store.api.TransactionBody;

/**
 * The base of every store contract test: it makes a fresh store before each test, closes it after, and holds
 * the fixtures the tests share. It has no tests of its own.
 * <h2>Running the TCK against a store</h2>
 * For each {@code *ContractTest} class of this package, write a concrete subclass in a test bundle (name it
 * {@code <Kind><Topic>ContractTest}, e.g. {@code JpaJournalContractTest}) that implements
 * {@link #createStore()} and, where needed, overrides {@link #closeStore(MailStore)}. Every class is
 * required, except {@link DurabilityContractTest}, which applies only to stores that keep their data after
 * being closed and adds {@link DurabilityContractTest#reopenStore(MailStore)}.
 * <h2>The factory contract</h2>
 * <ul>
 * <li>{@link #createStore()} returns a new, empty, open store that shares no data with any store created
 * before it (a new H2 file in a fresh folder, a new PostgreSQL schema, a new in-memory instance). It is
 * called on the test thread before each test.</li>
 * <li>{@link #closeStore(MailStore)} closes the store: releases its files and connections, after which
 * every call on it throws a {@link CoreException} with {@link StoreError#CLOSED} (checked by
 * {@link TransactionContractTest}). It is called after each test for the test's current store, and may be
 * called for a store that a test closed already; it must then do nothing.</li>
 * <li>Listeners are registered through {@link MailStore#addListener}; the TCK needs no OSGi runtime and no
 * whiteboard.</li>
 * </ul>
 * <h2>What the data looks like</h2>
 * Instants have whole seconds (a store must keep at least that; {@link Instant#now()} is never compared);
 * text holds non-ASCII and non-BMP characters; a few values are long (a
 * 2,000-character subject, a 500-character Message-ID); UIDs reach {@link io.tidemark.model.UidSet#MAX_UID}
 * and MODSEQs {@link Long#MAX_VALUE}. A store must keep all of it exactly.
 *
 * @since 0.1
 */
public abstract class StoreContractSupport {

    /** The account most tests use. */
    protected static final AccountId ACCOUNT = AccountId.of("tck");

    /** A second account, to check that data stays apart. */
    protected static final AccountId OTHER_ACCOUNT = AccountId.of("tck-other");

    /** {@code INBOX} of {@link #ACCOUNT}. */
    protected static final MailboxRef INBOX = new MailboxRef(ACCOUNT, MailboxName.INBOX);

    /** {@code Archive} of {@link #ACCOUNT}. */
    protected static final MailboxRef ARCHIVE = new MailboxRef(ACCOUNT, MailboxName.of("Archive"));

    /** The UIDVALIDITY of the mailboxes {@link #addMailbox(MailboxRef)} creates. */
    protected static final long UIDVALIDITY = 1_700_000_001L;

    /** The date around which the fixtures' dates lie. */
    protected static final Instant BASE_DATE = Instant.parse("2024-03-01T08:00:00Z");

    /** The store under test, made by {@link #createStore()} for each test. */
    protected MailStore store;

    /**
     * Makes the store for one test.
     *
     * @return a new, empty, open store sharing no data with any store made before
     * @throws Exception if the store cannot be made (the test then fails)
     */
    protected abstract MailStore createStore() throws Exception;

    /**
     * Closes a store made by {@link #createStore()} (or reopened); afterwards every call on it fails with
     * {@link StoreError#CLOSED}. Called once after each test, possibly for a store a test closed already. The
     * default does nothing, which suits no real store: override it.
     *
     * @param closing the store to close
     * @throws Exception if closing fails (the test then fails)
     */
    protected void closeStore(MailStore closing) throws Exception {
        // nothing by default
    }

    @BeforeEach
    final void openStoreForTest() throws Exception {
        store = createStore();
        assertNotNull(store, "createStore() returned null");
    }

    @AfterEach
    final void closeStoreAfterTest() throws Exception {
        if (store != null) {
            closeStore(store);
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // Writing

    /**
     * The work of a transaction that returns nothing.
     *
     * @since 0.1
     */
    @FunctionalInterface
    protected interface TxWork {
        /** @param tx the open transaction */
        void run(StoreTransaction tx) throws CoreException;
    }

    /** Runs {@code work} as one transaction of {@link #store}. */
    protected void commit(TxWork work) throws CoreException {
        store.write(tx -> {
            work.run(tx);
            return null;
        });
    }

    /** Runs {@code body} as one transaction of {@link #store} and returns its result. */
    protected <T> T write(TransactionBody<T> body) throws CoreException {
        return store.write(body);
    }

    /** Adds the account {@code id} with {@link #accountConfig(AccountId)}. */
    protected void addAccount(AccountId id) throws CoreException {
        commit(tx -> tx.putAccount(accountConfig(id)));
    }

    /**
     * Adds a synced mailbox with the initial sync state of {@link #UIDVALIDITY}, and its account if missing.
     */
    protected void addMailbox(MailboxRef ref) throws CoreException {
        addMailbox(ref, UIDVALIDITY);
    }

    /** Adds a synced mailbox with the initial sync state of {@code uidValidity}, and its account if missing. */
    protected void addMailbox(MailboxRef ref, long uidValidity) throws CoreException {
        boolean accountMissing = store.account(ref.account()).isEmpty();
        commit(tx -> {
            if (accountMissing) {
                tx.putAccount(accountConfig(ref.account()));
            }
            tx.putMailbox(mailboxRecord(ref));
            tx.putSyncState(ref, MailboxSyncState.initial(uidValidity));
        });
    }

    /** Inserts or replaces messages of a mailbox in one transaction. */
    protected void putMessages(MailboxRef ref, MessageRecord... messages) throws CoreException {
        commit(tx -> tx.putMessages(ref, Arrays.asList(messages)));
    }

    // ---------------------------------------------------------------------------------------------------
    // Fixtures

    /** @return a configuration with every field set away from its default */
    protected static AccountConfig accountConfig(AccountId id) {
        return AccountConfig.builder(id).host("imap.example.com").port(1993).security(Security.STARTTLS)
                .user("user-" + id + "@example.com").auth(AuthMechanism.PLAIN)
                .pinnedCertificateSha256("0a".repeat(32)).connectTimeout(Duration.ofSeconds(7))
                .readTimeout(Duration.ofSeconds(42))
                .folders(FolderSelection.listed(List.of(MailboxName.INBOX, MailboxName.of("Archive/2024"))))
                .bodyPolicy(BodyPolicy.upTo(65536)).maxConnections(3).build();
    }

    /** @return a subscribed, synced record with a delimiter and two attributes */
    protected static MailboxRecord mailboxRecord(MailboxRef ref) {
        return new MailboxRecord(ref, '/', Set.of("\\HasNoChildren", "\\Archive"), true, true);
    }

    /** @return the Message-ID of fixture message {@code uid} */
    protected static String messageId(long uid) {
        return "<m" + uid + ".tck@example.com>";
    }

    /** @return the EMAILID of fixture message {@code uid} */
    protected static String emailId(long uid) {
        return "M" + Long.toHexString(uid * 7919) + "x";
    }

    /**
     * @return a message with every field set: seen, two keywords, MODSEQ, size, dates, ids, and an envelope
     *         with every address list and Unicode text
     */
    protected static MessageRecord message(long uid) {
        return message(uid, messageId(uid), emailId(uid));
    }

    /** @return {@link #message(long)} with these ids */
    protected static MessageRecord message(long uid, String messageId, String emailId) {
        List<Address> from = List.of(new Address("Alice \u00c4mber", "alice@example.com"));
        List<Address> sender = List.of(new Address(null, "sender@example.com"));
        List<Address> replyTo = List.of(new Address("Reply", "reply@example.com"));
        List<Address> to = List.of(new Address("Bob", "bob@example.com"), new Address(null, "carol@example.com"));
        List<Address> cc = List.of(new Address("Dave \u65e5\u672c", "dave@example.com"));
        List<Address> bcc = List.of(new Address("", "hidden@example.com"));
        Envelope envelope = new Envelope(BASE_DATE.plusSeconds(uid * 60 - 30),
                "Subject " + uid + " \u2013 Gr\u00fc\u00dfe \ud83d\udcec", from, sender, replyTo, to, cc, bcc,
                "<parent" + uid + ".tck@example.com>", messageId);
        return new MessageRecord(uid, Flags.parse("(\\Seen \\Answered $Label1 Work)"), 100 + uid, 2000 + uid,
                BASE_DATE.plusSeconds(uid * 60), messageId, emailId, envelope, false);
    }

    /** @return {@link #message(long)} with the given flags */
    protected static MessageRecord message(long uid, Flags flags) {
        MessageRecord m = message(uid);
        return m.withFlags(flags, m.modSeq());
    }

    /** @return fixture messages for every UID from {@code from} to {@code to} inclusive */
    protected static MessageRecord[] messages(long from, long to) {
        List<MessageRecord> out = new ArrayList<>();
        for (long uid = from; uid <= to; uid++) {
            out.add(message(uid));
        }
        return out.toArray(MessageRecord[]::new);
    }

    /** @return content with structure, header and body that name {@code uid} */
    protected static MessageContent content(long uid) {
        String header = "Message-ID: " + messageId(uid) + "\r\nSubject: Subject " + uid + "\r\n\r\n";
        byte[] body = new byte[300];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (uid + i);
        }
        return new MessageContent("(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"UTF-8\") NIL NIL \"8BIT\" 300 6)",
                header.getBytes(StandardCharsets.US_ASCII), body);
    }

    /**
     * @return {@code entry} created at {@link #BASE_DATE}: the factories of {@link JournalEntry} stamp
     *         {@link Instant#now()}, whose sub-second digits a store need not keep
     */
    protected static JournalEntry stamped(JournalEntry entry) {
        return new JournalEntry(entry.id(), entry.mailbox(), entry.uidValidity(), entry.operation(), entry.uids(),
                entry.flagsToAdd(), entry.flagsToRemove(), entry.target(), entry.message(), entry.appendFlags(),
                entry.internalDate(), BASE_DATE, entry.attempts(), entry.notBefore(), entry.state(),
                entry.lastError());
    }

    // ---------------------------------------------------------------------------------------------------
    // Assertions

    /**
     * Asserts that {@code call} throws a {@link CoreException} carrying a {@link StoreStatus} of
     * {@code expected}.
     *
     * @return the exception, for further checks
     */
    protected static CoreException assertStoreError(StoreError expected, Executable call) {
        CoreException e = assertThrows(CoreException.class, call);
        assertEquals(expected, StoreStatus.errorOf(e), () -> "status of " + e.getStatus());
        return e;
    }

    /** Asserts that two contents hold the same structure, header and body. */
    protected static void assertContentEquals(MessageContent expected, MessageContent actual) {
        assertNotNull(actual, "content");
        assertEquals(expected.bodyStructure(), actual.bodyStructure(), "bodyStructure");
        assertArrayEquals(expected.header(), actual.header(), "header");
        assertArrayEquals(expected.body(), actual.body(), "body");
    }

    /** Asserts that two journal entries are equal in every field but the id. */
    protected static void assertSameEntry(JournalEntry expected, JournalEntry actual) {
        assertNotNull(actual, "entry");
        assertEquals(expected.mailbox(), actual.mailbox(), "mailbox");
        assertEquals(expected.uidValidity(), actual.uidValidity(), "uidValidity");
        assertEquals(expected.operation(), actual.operation(), "operation");
        assertEquals(expected.uids(), actual.uids(), "uids");
        assertEquals(expected.flagsToAdd(), actual.flagsToAdd(), "flagsToAdd");
        assertEquals(expected.flagsToRemove(), actual.flagsToRemove(), "flagsToRemove");
        assertEquals(expected.target(), actual.target(), "target");
        assertArrayEquals(expected.message(), actual.message(), "message");
        assertEquals(expected.appendFlags(), actual.appendFlags(), "appendFlags");
        assertEquals(expected.internalDate(), actual.internalDate(), "internalDate");
        assertEquals(expected.created(), actual.created(), "created");
        assertEquals(expected.attempts(), actual.attempts(), "attempts");
        assertEquals(expected.notBefore(), actual.notBefore(), "notBefore");
        assertEquals(expected.state(), actual.state(), "state");
        assertEquals(expected.lastError(), actual.lastError(), "lastError");
    }

    /** @return the delta of {@code ref} in {@code delta}; fails if there is none or more than one */
    protected static MailboxDelta deltaOf(StoreDelta delta, MailboxRef ref) {
        List<MailboxDelta> found = delta.mailboxes().stream().filter(d -> d.mailbox().equals(ref)).toList();
        assertEquals(1, found.size(), () -> "deltas of " + ref + " in " + delta);
        return found.get(0);
    }

    /**
     * Collects the deltas a store posts, in order. Thread-safe.
     *
     * @since 0.1
     */
    protected static final class RecordingListener implements StoreListener {
        private final List<StoreDelta> deltas = new ArrayList<>();

        @Override
        public synchronized void committed(StoreDelta delta) {
            deltas.add(delta);
        }

        /** @return the deltas received so far */
        public synchronized List<StoreDelta> deltas() {
            return List.copyOf(deltas);
        }

        /** @return the only delta received; fails if there were none or several */
        public synchronized StoreDelta single() {
            assertEquals(1, deltas.size(), () -> "deltas: " + deltas);
            return deltas.get(0);
        }

        /** Forgets the deltas received so far. */
        public synchronized void clear() {
            deltas.clear();
        }
    }
}
