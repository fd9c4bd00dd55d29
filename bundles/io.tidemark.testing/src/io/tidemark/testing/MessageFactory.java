/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A seeded generator of realistic RFC 5322 messages with CRLF line ends, for tests, the demo and
 * benchmarks. The same seed gives the same sequence of messages, byte for byte; different seeds give
 * different Message-IDs ({@code <seed.index.hash@tidemark.test>}).
 * <p>
 * Each message has {@code Return-Path}, {@code Received}, {@code From} and {@code To} with display names
 * (about one in six non-ASCII, RFC 2047 encoded-words), sometimes {@code Cc}, a {@code Subject} (some
 * non-ASCII, some replies with {@code In-Reply-To}/{@code References} to an earlier message of the same
 * factory), {@code Date} (ascending with the index, inside the two years before 2024-06-01, varied zone offsets),
 * a unique {@code Message-ID} and {@code MIME-Version}. Bodies are {@code text/plain} (about 70 %),
 * {@code multipart/alternative} with an HTML part (about 15 %) or {@code multipart/mixed} with a base64
 * attachment (about 15 %, and every large message).
 * <p>
 * Sizes ({@link SizeProfile#REALISTIC}): about 95 % between 2 and 20 KB (log-normal, median about 6 KB),
 * 4.5 % between 20 and 200 KB, 0.5 % between 200 KB and 1 MB; mean about 14 KB. {@link SizeProfile#SMALL}
 * keeps every message between 1 and 4 KB, for million-message benchmarks.
 * <p>
 * Generation costs a few microseconds per message (shared pre-built text and base64 corpora). Not
 * thread-safe: use one factory per thread.
 *
 * @since 0.1
 */
public final class MessageFactory {

    /**
     * The size distribution of generated messages.
     *
     * @since 0.1
     */
    public enum SizeProfile {
        /** Mostly 2-20 KB, a few up to 1 MB; mean about 14 KB. */
        REALISTIC,
        /** 1-4 KB each, for mailboxes of a million messages. */
        SMALL
    }

    /**
     * One generated message.
     *
     * @param index the position in the factory's sequence, from 0
     * @param messageId the Message-ID with angle brackets
     * @param subject the subject, decoded
     * @param from the sender's address (without display name)
     * @param date the Date header's instant
     * @param bytes the whole message, CRLF line ends
     * @since 0.1
     */
    public record Message(long index, String messageId, String subject, String from, Instant date, byte[] bytes) {

        /** Checks the components. */
        public Message {
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(bytes, "bytes");
        }

        /** @return the size in bytes (RFC822.SIZE as a server with CRLF storage reports it) */
        public int size() {
            return bytes.length;
        }
    }

    private static final Instant END = Instant.parse("2024-06-01T00:00:00Z");
    private static final long SPAN_SECONDS = 2L * 365 * 86400;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US);
    private static final ZoneOffset[] ZONES = { ZoneOffset.UTC, ZoneOffset.ofHours(1), ZoneOffset.ofHours(2),
            ZoneOffset.ofHours(-5), ZoneOffset.ofHours(-8), ZoneOffset.ofHoursMinutes(5, 30), ZoneOffset.ofHours(9) };
    private static final String[] WORDS = ("the of and to in is that for it as with was on be by at this from are "
            + "have or an which not but they all we can has were their more one been will would there about if so "
            + "what when up out some them into only time report meeting budget release server mailbox invoice "
            + "schedule project review draft update quarterly minutes agenda proposal contract deadline sync index "
            + "cache flags folder archive message thread reply forward please thanks regards attached below above "
            + "follow question answer customer support ticket build test deploy roadmap holiday lunch offsite "
            + "travel expense approval").split(" ");
    private static final String[] FIRST = { "Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi",
            "Ivan", "Judy", "Mallory", "Niaj", "Olivia", "Peggy", "Rupert", "Sybil", "Trent", "Victor", "Walter" };
    private static final String[] LAST = { "Smith", "Jones", "Brown", "Taylor", "Wilson", "Davies", "Evans",
            "Thomas", "Johnson", "Roberts", "Walker", "Wright", "Robinson", "Thompson", "White", "Hughes" };
    private static final String[][] NON_ASCII_PEOPLE = { { "Jürgen Müller", "juergen.mueller" },
            { "Zoë Ångström", "zoe.angstrom" }, { "Łukasz Żółć", "lukasz.zolc" }, { "Renée Faßbender", "renee.fassbender" },
            { "李雷", "li.lei" }, { "Søren Kierkegård", "soren.k" }, { "Ana María Núñez", "ana.nunez" },
            { "Дмитрий Иванов", "dmitry.ivanov" }, { "田中 花子", "hanako.tanaka" } };
    private static final String[] NON_ASCII_SUBJECTS = { "Grüße aus München", "Résumé de la réunion",
            "Überarbeitete Angebote für Q3", "日本語のテスト", "Café meeting – Thursday", "Отчёт за неделю",
            "Smörgåsbord planning", "naïve façade review" };
    private static final String[] DOMAINS = { "example.org", "example.com", "example.net", "mail.example.org",
            "lists.example.com" };
    private static final String[] ATTACHMENTS = { "application/pdf;report.pdf", "image/jpeg;photo.jpg",
            "application/zip;logs.zip", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;budget.xlsx",
            "image/png;screenshot.png" };

    private static final java.util.concurrent.atomic.AtomicLong SIMPLE_COUNTER = new java.util.concurrent.atomic.AtomicLong();
    private static final java.security.SecureRandom RANDOM_ID = new java.security.SecureRandom();
    private static final String TEXT_CORPUS = buildText();
    private static final String BASE64_CORPUS = buildBase64();

    private final long seed;
    private final SizeProfile sizes;
    private final SplittableRandom random;
    private final Deque<String[]> recent = new ArrayDeque<>();
    private long index;

    /**
     * A factory with realistic sizes.
     *
     * @param seed the seed; equal seeds give equal messages
     */
    public MessageFactory(long seed) {
        this(seed, SizeProfile.REALISTIC);
    }

    /**
     * @param seed the seed; equal seeds give equal messages
     * @param sizes the size distribution
     */
    public MessageFactory(long seed, SizeProfile sizes) {
        this.seed = seed;
        this.sizes = Objects.requireNonNull(sizes, "sizes");
        this.random = new SplittableRandom(seed);
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /** @return how many messages this factory has generated */
    public long generated() {
        return index;
    }

    /**
     * A minimal text message with a fresh Message-ID, for tests that check content.
     *
     * @param subject the subject (ASCII)
     * @param body the body text; LF or CRLF line ends
     * @return the message bytes, CRLF line ends
     */
    public static byte[] simple(String subject, String body) {
        String id = "<simple." + Long.toHexString(System.currentTimeMillis()) + "." + SIMPLE_COUNTER.incrementAndGet()
                + "." + Integer.toHexString(RANDOM_ID.nextInt()) + "@tidemark.test>";
        String text = "From: Test Sender <sender@example.org>\r\nTo: Alice <alice@example.org>\r\nSubject: "
                + subject + "\r\nDate: " + DATE.format(Instant.now().atOffset(ZoneOffset.UTC)) + "\r\nMessage-ID: " + id
                + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                + body.replace("\r\n", "\n").replace("\n", "\r\n") + (body.endsWith("\n") ? "" : "\r\n");
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Generates the next message.
     *
     * @return the message
     */
    public Message next() {
        long i = index++;
        int target = targetSize();
        String[] from = person();
        String[] to = person();
        String messageId = "<" + seed + "." + i + "." + Integer.toHexString(random.nextInt()) + "@tidemark.test>";
        // strictly ascending however many messages are made, always inside the two-year span
        Instant date = END.minusSeconds(SPAN_SECONDS).plusSeconds((long) ((double) SPAN_SECONDS * i / (i + 100_000.0)));
        String subject;
        String[] parent = null;
        if (!recent.isEmpty() && random.nextInt(5) == 0) {
            parent = recent.toArray(new String[0][])[random.nextInt(recent.size())];
            subject = parent[1].startsWith("Re: ") ? parent[1] : "Re: " + parent[1];
        } else if (random.nextInt(8) == 0) {
            subject = NON_ASCII_SUBJECTS[random.nextInt(NON_ASCII_SUBJECTS.length)];
        } else {
            subject = capitalize(words(3 + random.nextInt(6)));
        }
        StringBuilder h = new StringBuilder(1024);
        String dateText = DATE.format(date.atOffset(ZONES[random.nextInt(ZONES.length)]));
        h.append("Return-Path: <").append(from[1]).append(">\r\n");
        h.append("Received: from mx").append(1 + random.nextInt(9)).append('.').append(domain())
                .append(" (mx.example [192.0.2.").append(1 + random.nextInt(254)).append("])\r\n\tby imap.tidemark.test")
                .append(" with ESMTPS id ").append(Long.toHexString(random.nextLong())).append("\r\n\tfor <").append(to[1])
                .append(">; ").append(dateText).append("\r\n");
        h.append("From: ").append(mailbox(from)).append("\r\n");
        h.append("To: ").append(mailbox(to)).append("\r\n");
        if (random.nextInt(4) == 0) {
            h.append("Cc: ").append(mailbox(person())).append(", ").append(mailbox(person())).append("\r\n");
        }
        h.append("Subject: ").append(encodeWord(subject)).append("\r\n");
        h.append("Date: ").append(dateText).append("\r\n");
        h.append("Message-ID: ").append(messageId).append("\r\n");
        if (parent != null) {
            h.append("In-Reply-To: ").append(parent[0]).append("\r\nReferences: ").append(parent[0]).append("\r\n");
        }
        h.append("MIME-Version: 1.0\r\n");
        int bodyBudget = Math.max(200, target - h.length() - 120);
        int kind = random.nextInt(100);
        if (target > 20 * 1024 || (sizes == SizeProfile.REALISTIC && kind >= 85)) {
            mixed(h, bodyBudget);
        } else if (kind >= 70 && sizes == SizeProfile.REALISTIC) {
            alternative(h, bodyBudget);
        } else {
            h.append("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n");
            h.append(text(Math.max(200, target - h.length())));
        }
        remember(messageId, subject);
        return new Message(i, messageId, subject, from[1], date, h.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void remember(String messageId, String subject) {
        recent.addLast(new String[] { messageId, subject });
        if (recent.size() > 50) {
            recent.removeFirst();
        }
    }

    private void alternative(StringBuilder h, int budget) {
        String boundary = "=_alt_" + Long.toHexString(random.nextLong());
        h.append("Content-Type: multipart/alternative; boundary=\"").append(boundary).append("\"\r\n\r\n");
        h.append("This is a multi-part message in MIME format.\r\n");
        String plain = text(budget * 2 / 5);
        h.append("--").append(boundary).append("\r\nContent-Type: text/plain; charset=utf-8\r\n")
                .append("Content-Transfer-Encoding: 7bit\r\n\r\n").append(plain);
        h.append("--").append(boundary).append("\r\nContent-Type: text/html; charset=utf-8\r\n")
                .append("Content-Transfer-Encoding: 7bit\r\n\r\n<html><body>\r\n");
        for (String para : plain.split("\r\n")) {
            h.append("<p>").append(para).append("</p>\r\n");
        }
        h.append("</body></html>\r\n--").append(boundary).append("--\r\n");
    }

    private void mixed(StringBuilder h, int budget) {
        String boundary = "=_mixed_" + Long.toHexString(random.nextLong());
        String[] attachment = ATTACHMENTS[random.nextInt(ATTACHMENTS.length)].split(";");
        h.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n");
        h.append("This is a multi-part message in MIME format.\r\n");
        int textPart = Math.min(budget / 3, 2000 + random.nextInt(2000));
        h.append("--").append(boundary).append("\r\nContent-Type: text/plain; charset=utf-8\r\n")
                .append("Content-Transfer-Encoding: 7bit\r\n\r\n").append(text(textPart));
        h.append("--").append(boundary).append("\r\nContent-Type: ").append(attachment[0]).append("; name=\"")
                .append(attachment[1]).append("\"\r\nContent-Transfer-Encoding: base64\r\n")
                .append("Content-Disposition: attachment; filename=\"").append(attachment[1]).append("\"\r\n\r\n");
        h.append(base64(Math.max(76, budget - textPart - 300)));
        h.append("--").append(boundary).append("--\r\n");
    }

    private int targetSize() {
        if (sizes == SizeProfile.SMALL) {
            return 1024 + random.nextInt(3 * 1024);
        }
        int r = random.nextInt(1000);
        if (r < 5) {
            return 200 * 1024 + random.nextInt(824 * 1024);
        }
        if (r < 50) {
            return 20 * 1024 + random.nextInt(180 * 1024);
        }
        // log-normal around 6 KB, clipped to 2-20 KB
        double g = random.nextDouble() + random.nextDouble() + random.nextDouble() - 1.5; // ~N(0, 0.5)
        int s = (int) Math.exp(8.7 + 1.1 * g);
        return Math.max(2048, Math.min(20 * 1024, s));
    }

    private String[] person() {
        if (random.nextInt(6) == 0) {
            String[] p = NON_ASCII_PEOPLE[random.nextInt(NON_ASCII_PEOPLE.length)];
            return new String[] { p[0], p[1] + "@" + domain() };
        }
        String f = FIRST[random.nextInt(FIRST.length)];
        String l = LAST[random.nextInt(LAST.length)];
        return new String[] { f + " " + l, f.toLowerCase(Locale.ROOT) + "." + l.toLowerCase(Locale.ROOT) + "@" + domain() };
    }

    private String domain() {
        return DOMAINS[random.nextInt(DOMAINS.length)];
    }

    private static String mailbox(String[] person) {
        return encodeWord(person[0]) + " <" + person[1] + ">";
    }

    /**
     * RFC 2047: ASCII text as is, anything else as UTF-8 "B" encoded-words of at most 75 characters,
     * split on character boundaries.
     */
    static String encodeWord(String text) {
        if (text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int end = i;
            int bytes = 0;
            while (end < text.length()) {
                int cp = text.codePointAt(end);
                int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
                if (bytes + n > 45) { // 45 bytes -> 60 base64 chars + 12 of framing = 72
                    break;
                }
                bytes += n;
                end += Character.charCount(cp);
            }
            if (out.length() > 0) {
                out.append("\r\n ");
            }
            out.append("=?UTF-8?B?")
                    .append(Base64.getEncoder().encodeToString(text.substring(i, end).getBytes(StandardCharsets.UTF_8)))
                    .append("?=");
            i = end;
        }
        return out.toString();
    }

    private String words(int n) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < n; k++) {
            if (k > 0) {
                b.append(' ');
            }
            b.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return b.toString();
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** About {@code n} bytes of text lines, starting and ending on a line boundary. */
    private String text(int n) {
        return slice(TEXT_CORPUS, n);
    }

    private String base64(int n) {
        return slice(BASE64_CORPUS, n);
    }

    private String slice(String corpus, int n) {
        StringBuilder b = new StringBuilder(n + 100);
        while (b.length() < n) {
            int want = Math.min(n - b.length(), corpus.length() / 2);
            int start = random.nextInt(corpus.length() - want - 100);
            start = corpus.indexOf("\r\n", start) + 2;
            int end = corpus.indexOf("\r\n", Math.min(corpus.length() - 2, start + Math.max(1, want - 1))) + 2;
            b.append(corpus, start, end);
        }
        return b.toString();
    }

    private static String buildText() {
        SplittableRandom r = new SplittableRandom(12345);
        StringBuilder b = new StringBuilder(600 * 1024);
        while (b.length() < 512 * 1024) {
            StringBuilder line = new StringBuilder();
            int words = 6 + r.nextInt(7);
            for (int k = 0; k < words; k++) {
                String w = WORDS[r.nextInt(WORDS.length)];
                if (line.length() + w.length() + 1 > 76) {
                    break;
                }
                if (line.length() > 0) {
                    line.append(' ');
                }
                line.append(w);
            }
            if (r.nextInt(9) == 0) {
                line.append('.');
            }
            b.append(line).append("\r\n");
            if (r.nextInt(6) == 0) {
                b.append("\r\n");
            }
        }
        return b.toString();
    }

    private static String buildBase64() {
        SplittableRandom r = new SplittableRandom(54321);
        byte[] blob = new byte[1024 * 1024 + 4096];
        r.nextBytes(blob);
        return Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(blob) + "\r\n";
    }
}
