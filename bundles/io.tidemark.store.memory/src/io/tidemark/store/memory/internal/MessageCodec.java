/* SPDX-License-Identifier: EPL-2.0 */
package io.tidemark.store.memory.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.tidemark.model.Address;
import io.tidemark.model.Envelope;
import io.tidemark.store.api.MessageRecord;

/**
 * Packs the text fields of a message (Message-ID, EMAILID and the envelope) into one byte array, and reads
 * them back. This is what keeps a million messages in a few hundred megabytes: one array instead of a dozen
 * objects per message.
 * <p>
 * Layout: a header byte of {@code F_*} bits, the Message-ID, the EMAILID, then (unless the envelope is
 * empty) the envelope date, subject, address lists, In-Reply-To and the envelope's Message-ID. Strings are
 * a var-int of {@code length + 1} ({@code 0} for null) followed by one to three bytes per {@code char}, a
 * form that keeps every Java string exactly (unpaired surrogates included). The Message-ID comes first so
 * that lookups read it without decoding the rest.
 * <p>
 * Stateless and thread-safe.
 */
final class MessageCodec {

    private static final int F_EMPTY_ENVELOPE = 1;
    private static final int F_ENVELOPE_ID_IS_MESSAGE_ID = 2;
    private static final int F_SENDER_IS_FROM = 4;
    private static final int F_REPLY_TO_IS_FROM = 8;
    private static final int F_HAS_DATE = 16;

    private MessageCodec() {
    }

    /** @return the packed text fields of {@code m} */
    static byte[] encode(MessageRecord m) {
        Envelope env = m.envelope();
        Writer w = new Writer();
        int header = 0;
        boolean empty = env.equals(Envelope.EMPTY);
        if (empty) {
            header |= F_EMPTY_ENVELOPE;
        } else {
            if (Objects.equals(env.messageId(), m.messageId())) {
                header |= F_ENVELOPE_ID_IS_MESSAGE_ID;
            }
            if (env.sender().equals(env.from())) {
                header |= F_SENDER_IS_FROM;
            }
            if (env.replyTo().equals(env.from())) {
                header |= F_REPLY_TO_IS_FROM;
            }
            if (env.date() != null) {
                header |= F_HAS_DATE;
            }
        }
        w.byte1(header);
        w.string(m.messageId());
        w.string(m.emailId());
        if (!empty) {
            if (env.date() != null) {
                w.varLong(zigzag(env.date().getEpochSecond()));
                w.varLong(env.date().getNano());
            }
            w.string(env.subject());
            w.addresses(env.from());
            if ((header & F_SENDER_IS_FROM) == 0) {
                w.addresses(env.sender());
            }
            if ((header & F_REPLY_TO_IS_FROM) == 0) {
                w.addresses(env.replyTo());
            }
            w.addresses(env.to());
            w.addresses(env.cc());
            w.addresses(env.bcc());
            w.string(env.inReplyTo());
            if ((header & F_ENVELOPE_ID_IS_MESSAGE_ID) == 0) {
                w.string(env.messageId());
            }
        }
        return w.toArray();
    }

    /** @return the Message-ID held in {@code blob} */
    static String messageId(byte[] blob) {
        return new Reader(blob, 1).string();
    }

    /** @return the EMAILID held in {@code blob} */
    static String emailId(byte[] blob) {
        Reader r = new Reader(blob, 1);
        r.skipString();
        return r.string();
    }

    /** @return the envelope held in {@code blob} */
    static Envelope envelope(byte[] blob) {
        int header = blob[0];
        if ((header & F_EMPTY_ENVELOPE) != 0) {
            return Envelope.EMPTY;
        }
        Reader r = new Reader(blob, 1);
        String messageId = r.string();
        r.skipString();
        Instant date = (header & F_HAS_DATE) != 0 ? Instant.ofEpochSecond(unzigzag(r.varLong()), r.varLong()) : null;
        String subject = r.string();
        List<Address> from = r.addresses();
        List<Address> sender = (header & F_SENDER_IS_FROM) != 0 ? from : r.addresses();
        List<Address> replyTo = (header & F_REPLY_TO_IS_FROM) != 0 ? from : r.addresses();
        List<Address> to = r.addresses();
        List<Address> cc = r.addresses();
        List<Address> bcc = r.addresses();
        String inReplyTo = r.string();
        String envelopeId = (header & F_ENVELOPE_ID_IS_MESSAGE_ID) != 0 ? messageId : r.string();
        return new Envelope(date, subject, from, sender, replyTo, to, cc, bcc, inReplyTo, envelopeId);
    }

    /**
     * Reads the sort key of {@link io.tidemark.store.api.MessageOrder#SUBJECT} without building the envelope.
     *
     * @return the subject in lower case, or the empty string
     */
    static String subjectKey(byte[] blob) {
        Reader r = envelopeStart(blob);
        if (r == null) {
            return "";
        }
        String subject = r.string();
        return subject == null ? "" : subject.toLowerCase(Locale.ROOT);
    }

    /**
     * Reads the sort key of {@link io.tidemark.store.api.MessageOrder#SENDER}: the first From address's
     * display name.
     *
     * @return the name (or else the address) in lower case, or the empty string
     */
    static String senderKey(byte[] blob) {
        Reader r = envelopeStart(blob);
        if (r == null) {
            return "";
        }
        r.skipString();
        int count = (int) r.varLong();
        if (count == 0) {
            return "";
        }
        String name = r.string();
        String email = r.string();
        String shown = name != null && !name.isBlank() ? name : email;
        return shown == null ? "" : shown.toLowerCase(Locale.ROOT);
    }

    /** @return the envelope date, or null */
    static Instant envelopeDate(byte[] blob) {
        int header = blob[0];
        if ((header & F_EMPTY_ENVELOPE) != 0 || (header & F_HAS_DATE) == 0) {
            return null;
        }
        Reader r = new Reader(blob, 1);
        r.skipString();
        r.skipString();
        return Instant.ofEpochSecond(unzigzag(r.varLong()), r.varLong());
    }

    /** @return a reader positioned at the subject, or null if the envelope is empty */
    private static Reader envelopeStart(byte[] blob) {
        int header = blob[0];
        if ((header & F_EMPTY_ENVELOPE) != 0) {
            return null;
        }
        Reader r = new Reader(blob, 1);
        r.skipString();
        r.skipString();
        if ((header & F_HAS_DATE) != 0) {
            r.varLong();
            r.varLong();
        }
        return r;
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    /** Appends to a growing byte array. */
    private static final class Writer {
        private byte[] buf = new byte[128];
        private int len;

        private void ensure(int extra) {
            if (len + extra > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
            }
        }

        void byte1(int b) {
            ensure(1);
            buf[len++] = (byte) b;
        }

        void varLong(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[len++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[len++] = (byte) v;
        }

        void string(String s) {
            if (s == null) {
                varLong(0);
                return;
            }
            int n = s.length();
            varLong(n + 1L);
            ensure(3 * n);
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x01 && c <= 0x7F) {
                    buf[len++] = (byte) c;
                } else if (c <= 0x7FF) {
                    buf[len++] = (byte) (0xC0 | (c >> 6));
                    buf[len++] = (byte) (0x80 | (c & 0x3F));
                } else {
                    buf[len++] = (byte) (0xE0 | (c >> 12));
                    buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    buf[len++] = (byte) (0x80 | (c & 0x3F));
                }
            }
        }

        void addresses(List<Address> list) {
            varLong(list.size());
            for (Address a : list) {
                string(a.name());
                string(a.email());
            }
        }

        byte[] toArray() {
            return Arrays.copyOf(buf, len);
        }
    }

    /** Reads what {@link Writer} wrote. */
    private static final class Reader {
        private final byte[] buf;
        private int pos;

        Reader(byte[] buf, int pos) {
            this.buf = buf;
            this.pos = pos;
        }

        long varLong() {
            long v = 0;
            int shift = 0;
            byte b;
            do {
                b = buf[pos++];
                v |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            return v;
        }

        String string() {
            int n = (int) varLong() - 1;
            if (n < 0) {
                return null;
            }
            char[] out = new char[n];
            for (int i = 0; i < n; i++) {
                int b = buf[pos++] & 0xFF;
                if (b < 0x80) {
                    out[i] = (char) b;
                } else if (b < 0xE0) {
                    out[i] = (char) (((b & 0x1F) << 6) | (buf[pos++] & 0x3F));
                } else {
                    int b2 = buf[pos++] & 0x3F;
                    int b3 = buf[pos++] & 0x3F;
                    out[i] = (char) (((b & 0x0F) << 12) | (b2 << 6) | b3);
                }
            }
            return new String(out);
        }

        void skipString() {
            int n = (int) varLong() - 1;
            for (int i = 0; i < n; i++) {
                int b = buf[pos++] & 0xFF;
                pos += b < 0x80 ? 0 : b < 0xE0 ? 1 : 2;
            }
        }

        List<Address> addresses() {
            int n = (int) varLong();
            if (n == 0) {
                return List.of();
            }
            List<Address> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(new Address(string(), string()));
            }
            return List.copyOf(out);
        }
    }
}
