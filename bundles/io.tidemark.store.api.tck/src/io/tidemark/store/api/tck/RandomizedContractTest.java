/* SPDX-License-Identifier: EPL-2.0 */
package io.tidemark.store.api.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.CoreException;
import org.junit.jupiter.api.Test;

import io.tidemark.model.Address;
import io.tidemark.model.Envelope;
import io.tidemark.model.Flags;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.SystemFlag;
import io.tidemark.model.UidSet;
import io.tidemark.store.api.MailboxCounts;
import io.tidemark.store.api.MailboxSyncState;
import io.tidemark.store.api.MessageContent;
import io.tidemark.store.api.MessageLocation;
import io.tidemark.store.api.MessageOrder;
import io.tidemark.store.api.MessageRecord;
import io.tidemark.store.api.StoreTransaction;
import io.tidemark.store.api.UidRemap;

/**
 * The store against a plain reference model under random transactions: inserts, replacements, flag
 * updates, hidden marks, removals, content, relinks between two mailboxes, UIDVALIDITY resets, and
 * transactions that fail on purpose. After every transaction the UID sets and counts must match the model;
 * every {@link #FULL_CHECK_EVERY} transactions, and at the end, every message, every page order, scans,
 * content and lookups by Message-ID must match too. The seed is fixed, so a failure reproduces.
 * <p>
 * The mailboxes grow to a few thousand messages, enough to exercise the internal paging or chunking of a
 * store. The text is valid Unicode without NUL.
 *
 * @since 0.1
 */
public abstract class RandomizedContractTest extends StoreContractSupport {

    /** How often a full comparison runs. */
    protected static final int FULL_CHECK_EVERY = 25;

    private static final long SEED = 0x5EED_0F_7DL;
    private static final int UID_SPACE = 4000;
    private static final List<String> SUBJECTS = List.of("alpha", "Beta", "beta", "gamma", "\u00e9t\u00e9", "Zulu",
            "\u65e5\u672c", "");
    private static final List<String> SENDERS = List.of("Ann", "bob", "Bob", "Cyd", "\u00c5sa", " ");

    /** @return how many random transactions the test runs; a slow store may lower it, not below 50 */
    protected int rounds() {
        return 200;
    }

    private final Random random = new Random(SEED);

    /** The reference model: messages and content per mailbox. */
    private static final class Model {
        final Map<MailboxRef, TreeMap<Long, MessageRecord>> messages = new HashMap<>();
        final Map<MailboxRef, Map<Long, MessageContent>> contents = new HashMap<>();
        final Map<MailboxRef, Long> uidValidity = new HashMap<>();

        Model copy() {
            Model m = new Model();
            messages.forEach((k, v) -> m.messages.put(k, new TreeMap<>(v)));
            contents.forEach((k, v) -> m.contents.put(k, new HashMap<>(v)));
            m.uidValidity.putAll(uidValidity);
            return m;
        }
    }

    private Model model = new Model();

    private MessageRecord randomMessage(long uid) {
        Instant internal = random.nextInt(8) == 0 ? null : BASE_DATE.plusSeconds(random.nextInt(400) * 3600L);
        Instant envelopeDate = random.nextInt(4) == 0 ? null : BASE_DATE.plusSeconds(random.nextInt(400) * 3600L);
        String subject = random.nextInt(10) == 0 ? null : SUBJECTS.get(random.nextInt(SUBJECTS.size()));
        List<Address> from = random.nextInt(10) == 0 ? List.of()
                : List.of(new Address(SENDERS.get(random.nextInt(SENDERS.size())),
                        "s" + random.nextInt(5) + "@example.com"));
        String messageId = "<r" + random.nextInt(300) + "@tck>";
        String emailId = random.nextInt(5) == 0 ? null : "R" + random.nextInt(300);
        Envelope env = new Envelope(envelopeDate, subject, from, null, null,
                List.of(new Address(null, "to@example.com")), null, null, null, messageId);
        return new MessageRecord(uid, randomFlags(), random.nextInt(1_000_000), random.nextInt(100_000), internal,
                messageId, emailId, env, random.nextInt(10) == 0);
    }

    private Flags randomFlags() {
        return switch (random.nextInt(5)) {
            case 0 -> Flags.EMPTY;
            case 1 -> Flags.SEEN;
            case 2 -> Flags.parse("(\\Seen \\Flagged)");
            case 3 -> Flags.parse("(\\Answered $Label" + random.nextInt(3) + ")");
            default -> Flags.parse("(\\Seen Work)");
        };
    }

    private UidSet randomRange() {
        long a = 1 + random.nextInt(UID_SPACE);
        return UidSet.range(a, Math.min(UID_SPACE, a + random.nextInt(random.nextBoolean() ? 5 : 200)));
    }

    private static MessageContent content(Random random) {
        byte[] body = new byte[1 + random.nextInt(64)];
        random.nextBytes(body);
        return new MessageContent(random.nextBoolean() ? null : "(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1)",
                "H: v\r\n\r\n".getBytes(StandardCharsets.US_ASCII), random.nextBoolean() ? null : body);
    }

    /** Applies one random operation to the transaction and to the model. */
    private void randomOperation(StoreTransaction tx, Model m) throws CoreException {
        MailboxRef mailbox = random.nextBoolean() ? INBOX : ARCHIVE;
        MailboxRef other = mailbox.equals(INBOX) ? ARCHIVE : INBOX;
        TreeMap<Long, MessageRecord> held = m.messages.get(mailbox);
        Map<Long, MessageContent> contents = m.contents.get(mailbox);
        int op = random.nextInt(100);
        if (op < 35) {
            List<MessageRecord> batch = new ArrayList<>();
            // runs of UIDs, sometimes every second one (so that later runs fill the holes between full pages
            // or chunks), mixed with scattered UIDs
            int n = 1 + random.nextInt(random.nextInt(10) == 0 ? 400 : 20);
            int stride = random.nextInt(3) == 0 ? 2 : 1;
            long start = 1 + random.nextInt(UID_SPACE);
            for (int i = 0; i < n; i++) {
                long uid = random.nextInt(3) == 0 ? 1 + random.nextInt(UID_SPACE)
                        : Math.min(UID_SPACE, start + (long) i * stride);
                batch.add(randomMessage(uid));
            }
            tx.putMessages(mailbox, batch);
            for (MessageRecord r : batch) {
                held.put(r.uid(), r);
            }
        } else if (op < 50) {
            long uid = pickHeldOrNot(held);
            Flags flags = randomFlags();
            long modSeq = random.nextInt(1_000_000);
            boolean expected = held.containsKey(uid);
            assertEquals(expected, tx.updateFlags(mailbox, uid, flags, modSeq), "updateFlags " + uid);
            if (expected) {
                held.put(uid, held.get(uid).withFlags(flags, modSeq));
            }
        } else if (op < 60) {
            UidSet range = randomRange();
            boolean hidden = random.nextBoolean();
            tx.setHidden(mailbox, range, hidden);
            for (long uid : held.subMap(range.first(), true, range.last(), true).keySet()) {
                held.put(uid, held.get(uid).withHidden(hidden));
            }
        } else if (op < 72) {
            UidSet range = randomRange();
            Set<Long> expected = new HashSet<>(held.subMap(range.first(), true, range.last(), true).keySet());
            UidSet removed = tx.removeMessages(mailbox, range);
            assertEquals(expected, toSet(removed), "removeMessages " + range);
            for (long uid : expected) {
                held.remove(uid);
                contents.remove(uid);
            }
        } else if (op < 84) {
            if (!held.isEmpty()) {
                long uid = pickHeld(held);
                MessageContent c = content(random);
                tx.putContent(mailbox, uid, c);
                contents.put(uid, c);
            }
        } else if (op < 98) {
            if (!held.isEmpty()) {
                long fromUid = pickHeld(held);
                TreeMap<Long, MessageRecord> target = m.messages.get(other);
                long toUid;
                do {
                    toUid = 1 + random.nextInt(UID_SPACE);
                } while (target.containsKey(toUid));
                MessageRecord old = held.get(fromUid);
                MessageRecord updated = random.nextBoolean() ? null
                        : old.withUid(toUid).withFlags(randomFlags(), old.modSeq() + 1).withHidden(false);
                tx.relink(mailbox, fromUid, other, toUid, updated);
                held.remove(fromUid);
                target.put(toUid, updated != null ? updated : old.withUid(toUid));
                MessageContent c = contents.remove(fromUid);
                if (c != null) {
                    m.contents.get(other).put(toUid, c);
                }
            }
        } else {
            long validity = m.uidValidity.get(mailbox) + 1;
            List<Long> oldUids = new ArrayList<>(held.keySet());
            List<Long> kept = new ArrayList<>();
            for (long uid : oldUids) {
                if (random.nextInt(3) > 0) {
                    kept.add(uid);
                }
            }
            List<Long> newUids = new ArrayList<>();
            for (long uid = 1; uid <= UID_SPACE && newUids.size() < kept.size(); uid++) {
                if (random.nextInt(4) > 0) {
                    newUids.add(uid);
                }
            }
            kept = kept.subList(0, newUids.size());
            long[] o = kept.stream().mapToLong(Long::longValue).toArray();
            long[] nu = newUids.stream().mapToLong(Long::longValue).toArray();
            tx.resetMailbox(mailbox, validity, new UidRemap(o, nu));
            TreeMap<Long, MessageRecord> next = new TreeMap<>();
            Map<Long, MessageContent> nextContent = new HashMap<>();
            for (int i = 0; i < o.length; i++) {
                next.put(nu[i], held.get(o[i]).withUid(nu[i]));
                if (contents.containsKey(o[i])) {
                    nextContent.put(nu[i], contents.get(o[i]));
                }
            }
            m.messages.put(mailbox, next);
            m.contents.put(mailbox, nextContent);
            m.uidValidity.put(mailbox, validity);
        }
    }

    private long pickHeld(TreeMap<Long, MessageRecord> held) {
        Long k = held.ceilingKey(1L + random.nextInt(UID_SPACE));
        return k != null ? k : held.firstKey();
    }

    private long pickHeldOrNot(TreeMap<Long, MessageRecord> held) {
        return held.isEmpty() || random.nextInt(4) == 0 ? 1 + random.nextInt(UID_SPACE) : pickHeld(held);
    }

    private static Set<Long> toSet(UidSet s) {
        Set<Long> out = new HashSet<>();
        s.forEachUid(out::add);
        return out;
    }

    private static UidSet uidSet(Set<Long> uids) {
        UidSet.Builder b = UidSet.builder();
        uids.forEach(b::add);
        return b.build();
    }

    @Test
    void theStoreBehavesLikeTheReferenceModel() throws Exception {
        addMailbox(INBOX, 1);
        addMailbox(ARCHIVE, 1);
        for (MailboxRef ref : List.of(INBOX, ARCHIVE)) {
            model.messages.put(ref, new TreeMap<>());
            model.contents.put(ref, new HashMap<>());
            model.uidValidity.put(ref, 1L);
        }
        int rounds = Math.max(50, rounds());
        for (int round = 1; round <= rounds; round++) {
            Model working = model.copy();
            boolean fail = random.nextInt(8) == 0;
            int ops = 1 + random.nextInt(25);
            String at = "round " + round;
            try {
                commit(tx -> {
                    for (int i = 0; i < ops; i++) {
                        randomOperation(tx, working);
                    }
                    if (fail) {
                        throw new IllegalStateException("rolled back on purpose");
                    }
                });
                model = working;
            } catch (IllegalStateException expected) {
                assertTrue(fail, at + ": " + expected);
            }
            for (MailboxRef ref : List.of(INBOX, ARCHIVE)) {
                quickCheck(at, ref);
                if (round % FULL_CHECK_EVERY == 0 || round == rounds) {
                    fullCheck(at, ref);
                }
            }
            if (round % FULL_CHECK_EVERY == 0 || round == rounds) {
                checkFind(at);
            }
        }
    }

    private void quickCheck(String at, MailboxRef ref) throws CoreException {
        TreeMap<Long, MessageRecord> held = model.messages.get(ref);
        assertEquals(uidSet(held.keySet()), store.uids(ref), at + " uids of " + ref);
        long visible = held.values().stream().filter(r -> !r.hidden()).count();
        long unseen = held.values().stream().filter(r -> !r.hidden() && !r.flags().has(SystemFlag.SEEN))
                .count();
        assertEquals(new MailboxCounts(visible, unseen), store.counts(ref), at + " counts of " + ref);
        assertEquals(model.uidValidity.get(ref), store.syncState(ref).map(MailboxSyncState::uidValidity).orElse(-1L),
                at + " UIDVALIDITY of " + ref);
    }

    private void fullCheck(String at, MailboxRef ref) throws CoreException {
        TreeMap<Long, MessageRecord> held = model.messages.get(ref);
        List<MessageRecord> scanned = new ArrayList<>();
        store.scan(ref, UidSet.range(1, UidSet.MAX_UID), scanned::add);
        assertEquals(new ArrayList<>(held.values()), scanned, at + " scan of " + ref);
        List<MessageRecord> visible = held.values().stream().filter(r -> !r.hidden()).toList();
        for (MessageOrder order : MessageOrder.values()) {
            List<Long> expected = visible.stream().sorted(order(order)).map(MessageRecord::uid).toList();
            List<Long> actual = visible.isEmpty() ? List.of()
                    : store.page(ref, order, 0, visible.size() + 10).stream().map(MessageRecord::uid).toList();
            assertEquals(expected, actual, at + " page of " + ref + " by " + order);
            if (expected.size() > 20) {
                int offset = random.nextInt(expected.size() - 10);
                List<Long> slice = store.page(ref, order, offset, 10).stream().map(MessageRecord::uid).toList();
                assertEquals(expected.subList(offset, offset + 10), slice,
                        at + " page of " + ref + " by " + order + " at " + offset);
            }
        }
        for (Map.Entry<Long, MessageContent> e : model.contents.get(ref).entrySet()) {
            assertContentEquals(e.getValue(), store.content(ref, e.getKey()).orElseThrow());
        }
        long withContent = held.keySet().stream().filter(uid -> {
            try {
                return store.content(ref, uid).isPresent();
            } catch (CoreException e) {
                throw new IllegalStateException(e);
            }
        }).count();
        assertEquals(model.contents.get(ref).size(), withContent, at + " messages with content in " + ref);
    }

    private void checkFind(String at) throws CoreException {
        for (int n = 0; n < 300; n += 7) {
            String id = "<r" + n + "@tck>";
            Set<MessageLocation> expected = new HashSet<>();
            for (MailboxRef ref : List.of(INBOX, ARCHIVE)) {
                for (MessageRecord r : model.messages.get(ref).values()) {
                    if (id.equals(r.messageId())) {
                        expected.add(new MessageLocation(ref, r));
                    }
                }
            }
            assertEquals(expected, Set.copyOf(store.findByMessageId(ACCOUNT, id)), at + " findByMessageId " + id);
        }
        for (int n = 0; n < 300; n += 11) {
            String id = "R" + n;
            Set<MessageLocation> expected = model.messages.entrySet().stream()
                    .flatMap(e -> e.getValue().values().stream().filter(r -> id.equals(r.emailId()))
                            .map(r -> new MessageLocation(e.getKey(), r)))
                    .collect(Collectors.toSet());
            assertEquals(expected, Set.copyOf(store.findByEmailId(ACCOUNT, id)), at + " findByEmailId " + id);
        }
    }

    /** The ordering rules of {@link MessageQueryContractTest}, written out plainly. */
    private static Comparator<MessageRecord> order(MessageOrder order) {
        Comparator<MessageRecord> uidDescending = Comparator.comparingLong(MessageRecord::uid).reversed();
        Comparator<MessageRecord> byDate = Comparator.comparing(RandomizedContractTest::date,
                Comparator.nullsFirst(Comparator.naturalOrder()));
        return switch (order) {
            case DATE_DESC -> byDate.reversed().thenComparing(uidDescending);
            case DATE_ASC -> byDate.thenComparing(uidDescending);
            case SENDER -> Comparator.comparing(RandomizedContractTest::senderKey).thenComparing(uidDescending);
            case SUBJECT -> Comparator.comparing(RandomizedContractTest::subjectKey).thenComparing(uidDescending);
            case UID_DESC -> uidDescending;
        };
    }

    private static Instant date(MessageRecord r) {
        return r.internalDate() != null ? r.internalDate() : r.envelope().date();
    }

    private static String senderKey(MessageRecord r) {
        Address a = r.envelope().firstFrom();
        return a == null ? "" : a.displayName().toLowerCase(Locale.ROOT);
    }

    private static String subjectKey(MessageRecord r) {
        String s = r.envelope().subject();
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
