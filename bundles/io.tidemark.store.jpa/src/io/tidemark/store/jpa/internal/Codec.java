/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import io.tidemark.model.Address;
import io.tidemark.model.Envelope;
import io.tidemark.model.Flags;
import io.tidemark.model.SystemFlag;
import io.tidemark.model.UidSet;

/**
 * How model values are spelled in columns: the same on H2 and PostgreSQL, so a database moves between them
 * by copying rows. Stateless.
 */
final class Codec {

    /** The length of the sender and subject sort keys (the index stays small; longer values tie-break by UID). */
    static final int SORT_KEY_LENGTH = 128;

    private static final byte ENVELOPE_FORMAT = 1;

    private Codec() {
    }

    /** A column holds what no version of the store wrote: mapped to {@code CORRUPT} at the store's boundary. */
    static final class Damaged extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Damaged(String message) {
            super(message);
        }
    }

    // ---- instants: nanoseconds since the epoch, exact for 1677-2262 ----

    /**
     * @return the instant as nanoseconds since 1970, or null; instants outside 1677-2262 (only broken servers
     *         send those) are clamped, which keeps their order
     */
    static Long nanos(Instant t) {
        if (t == null) {
            return null;
        }
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (ArithmeticException e) {
            return t.getEpochSecond() < 0 ? Long.MIN_VALUE + 1 : Long.MAX_VALUE;
        }
    }

    /** @return the instant, or null */
    static Instant instant(Long nanos) {
        if (nanos == null) {
            return null;
        }
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    // ---- flags: a bit mask of system flags and the keywords as one text ----

    /** @return the system flags as a bit mask (\Seen 1, \Answered 2, \Flagged 4, \Deleted 8, \Draft 16) */
    static int systemBits(Flags flags) {
        int bits = 0;
        for (SystemFlag f : flags.system()) {
            bits |= bit(f);
        }
        return bits;
    }

    /** @return the bit of one system flag; fixed, independent of the enum's order */
    static int bit(SystemFlag f) {
        return switch (f) {
            case SEEN -> 1;
            case ANSWERED -> 2;
            case FLAGGED -> 4;
            case DELETED -> 8;
            case DRAFT -> 16;
        };
    }

    /** @return the keywords separated by spaces (IMAP atoms hold no space), sorted; null if none */
    static String keywords(Flags flags) {
        if (flags.keywords().isEmpty()) {
            return null;
        }
        return String.join(" ", new TreeSet<>(flags.keywords()));
    }

    /** @return the flags of a row */
    static Flags flags(int systemBits, String keywords) {
        EnumSet<SystemFlag> sys = EnumSet.noneOf(SystemFlag.class);
        for (SystemFlag f : SystemFlag.values()) {
            if ((systemBits & bit(f)) != 0) {
                sys.add(f);
            }
        }
        Set<String> kw = keywords == null || keywords.isEmpty() ? Set.of() : Set.of(keywords.split(" "));
        return sys.isEmpty() && kw.isEmpty() ? Flags.EMPTY : new Flags(sys, kw);
    }

    /** @return the flags as IMAP atoms separated by spaces; null if none (journal columns) */
    static String atoms(Flags flags) {
        return flags.isEmpty() ? null : String.join(" ", flags.atoms());
    }

    /** @return the flags of an atoms column */
    static Flags fromAtoms(String atoms) {
        return atoms == null || atoms.isEmpty() ? Flags.EMPTY : Flags.of(Arrays.asList(atoms.split(" ")));
    }

    // ---- UID sets: ranges as unsigned LEB128 deltas; a million scattered UIDs stay a few MB at worst ----

    /** @return the set's ranges encoded compactly; an empty array for the empty set */
    static byte[] uidSet(UidSet set) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 + set.rangeCount() * 4);
        long prev = 0;
        for (int i = 0; i < set.rangeCount(); i++) {
            long s = set.rangeStart(i);
            long e = set.rangeEnd(i);
            varint(out, s - prev);
            varint(out, e - s);
            prev = e;
        }
        return out.toByteArray();
    }

    /** @return the set of {@link #uidSet(UidSet)}'s encoding; empty for null */
    static UidSet uidSet(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return UidSet.empty();
        }
        UidSet.Builder b = UidSet.builder();
        int[] pos = { 0 };
        long prev = 0;
        while (pos[0] < bytes.length) {
            long s = prev + readVarint(bytes, pos);
            long e = s + readVarint(bytes, pos);
            b.addRange(s, e);
            prev = e;
        }
        return b.build();
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long readVarint(byte[] b, int[] pos) {
        long v = 0;
        int shift = 0;
        while (true) {
            if (pos[0] >= b.length || shift > 63) {
                throw new Damaged("Damaged UID set column");
            }
            int x = b[pos[0]++] & 0xFF;
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
            shift += 7;
        }
    }

    // ---- envelopes: a small versioned binary form ----

    /** @return the envelope's bytes, or null for an empty envelope */
    static byte[] envelope(Envelope env) {
        if (env == null || env.equals(Envelope.EMPTY)) {
            return null;
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(ENVELOPE_FORMAT);
            Long date = nanos(env.date());
            out.writeBoolean(date != null);
            if (date != null) {
                out.writeLong(date);
            }
            string(out, env.subject());
            for (List<Address> list : List.of(env.from(), env.sender(), env.replyTo(), env.to(), env.cc(),
                    env.bcc())) {
                out.writeInt(list.size());
                for (Address a : list) {
                    string(out, a.name());
                    string(out, a.email());
                }
            }
            string(out, env.inReplyTo());
            string(out, env.messageId());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
    }

    /**
     * @return the envelope of {@link #envelope(Envelope)}'s bytes
     * @throws Damaged if the bytes are damaged or of an unknown format
     */
    static Envelope envelope(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return Envelope.EMPTY;
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            int format = in.readByte();
            if (format != ENVELOPE_FORMAT) {
                throw new Damaged("Unknown envelope format " + format);
            }
            Instant date = in.readBoolean() ? instant(in.readLong()) : null;
            String subject = string(in);
            List<List<Address>> lists = new ArrayList<>(6);
            for (int l = 0; l < 6; l++) {
                int n = in.readInt();
                if (n < 0 || n > bytes.length) {
                    throw new Damaged("Damaged envelope");
                }
                List<Address> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(new Address(string(in), string(in)));
                }
                lists.add(list);
            }
            String inReplyTo = string(in);
            String messageId = string(in);
            return new Envelope(date, subject, lists.get(0), lists.get(1), lists.get(2), lists.get(3),
                    lists.get(4), lists.get(5), inReplyTo, messageId);
        } catch (IOException e) {
            throw new Damaged("Damaged envelope: " + e.getMessage());
        }
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String string(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        if (n > in.available()) {
            throw new IOException("Damaged string length " + n);
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    // ---- sort keys ----

    /**
     * @return the date a message sorts by: INTERNALDATE, else the envelope's Date; undated messages sort before
     *         every dated one ({@link Long#MIN_VALUE}, which {@link #nanos} never returns)
     */
    static long sortDate(Instant internalDate, Envelope env) {
        Long n = nanos(internalDate != null ? internalDate : env.date());
        return n == null ? Long.MIN_VALUE : n;
    }

    /** @return the sender key: the first From address's display name, case-folded, cut to the key length */
    static String sortSender(Envelope env) {
        Address a = env.firstFrom();
        return sortKey(a == null ? "" : a.displayName());
    }

    /** @return the subject key: case-folded, cut to the key length */
    static String sortSubject(Envelope env) {
        return sortKey(env.subject() == null ? "" : env.subject());
    }

    private static String sortKey(String s) {
        // the reference store's order: the text case-folded as it stands (no trimming)
        String k = s.toLowerCase(Locale.ROOT);
        if (k.length() > SORT_KEY_LENGTH) {
            k = k.substring(0, SORT_KEY_LENGTH);
            if (Character.isHighSurrogate(k.charAt(SORT_KEY_LENGTH - 1))) {
                k = k.substring(0, SORT_KEY_LENGTH - 1);
            }
        }
        // NUL cannot be stored in PostgreSQL text; it never belongs in a display name anyway
        return k.replace('\0', ' ');
    }

    /** @return a text column value without NUL characters, which PostgreSQL refuses */
    static String text(String s) {
        return s == null || s.indexOf('\0') < 0 ? s : s.replace('\0', ' ');
    }
}
