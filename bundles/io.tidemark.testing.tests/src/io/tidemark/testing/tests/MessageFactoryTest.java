/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.testing.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.tidemark.testing.MessageFactory;
import io.tidemark.testing.MessageFactory.Message;
import io.tidemark.testing.MessageFactory.SizeProfile;

/** Proves the generator's determinism, wire form and size distribution. */
class MessageFactoryTest {

    private static List<Message> generate(long seed, SizeProfile sizes, int n) {
        MessageFactory f = new MessageFactory(seed, sizes);
        return Stream.generate(f::next).limit(n).toList();
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOtherMessageIds() {
        List<Message> a = generate(5, SizeProfile.REALISTIC, 200);
        List<Message> b = generate(5, SizeProfile.REALISTIC, 200);
        List<Message> c = generate(6, SizeProfile.REALISTIC, 200);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).bytes(), b.get(i).bytes(), "message " + i);
        }
        Set<String> ids = new HashSet<>();
        a.forEach(m -> ids.add(m.messageId()));
        c.forEach(m -> ids.add(m.messageId()));
        assertEquals(400, ids.size(), "Message-IDs are unique across seeds");
    }

    @Test
    void everyLineEndsInCrlfAndHeadersAreAsciiWithEncodedWords() {
        int encoded = 0;
        for (Message m : generate(8, SizeProfile.REALISTIC, 500)) {
            byte[] b = m.bytes();
            for (int i = 0; i < b.length; i++) {
                if (b[i] == '\n') {
                    assertTrue(i > 0 && b[i - 1] == '\r', "bare LF in message " + m.index() + " at " + i);
                }
            }
            String text = new String(b, StandardCharsets.UTF_8);
            String header = text.substring(0, text.indexOf("\r\n\r\n"));
            assertTrue(header.chars().allMatch(ch -> ch < 0x80), "8-bit header in " + m.index());
            assertTrue(header.contains("\r\nMessage-ID: " + m.messageId() + "\r\n"), header);
            for (String h : List.of("From: ", "To: ", "Subject: ", "Date: ", "MIME-Version: 1.0")) {
                assertTrue(header.contains(h), h + " missing in " + m.index());
            }
            if (header.contains("=?UTF-8?B?")) {
                encoded++;
            }
            assertTrue(text.endsWith("\r\n"));
        }
        assertTrue(encoded > 50, "some headers are RFC 2047 encoded: " + encoded);
    }

    @Test
    void multipartMessagesCloseTheBoundariesTheyOpen() {
        int multipart = 0;
        for (Message m : generate(9, SizeProfile.REALISTIC, 300)) {
            String text = new String(m.bytes(), StandardCharsets.UTF_8);
            var matcher = java.util.regex.Pattern.compile("boundary=\"([^\"]+)\"").matcher(text);
            if (matcher.find()) {
                multipart++;
                String boundary = matcher.group(1);
                assertTrue(text.contains("\r\n--" + boundary + "\r\n"), "no part in " + m.index());
                assertTrue(text.endsWith("--" + boundary + "--\r\n"), "unclosed in " + m.index());
            }
        }
        assertTrue(multipart > 45 && multipart < 150, "about 30 % multipart: " + multipart);
    }

    @Test
    void realisticSizesAreMostly2To20KilobytesWithAFewLargeOnes() {
        List<Message> all = generate(10, SizeProfile.REALISTIC, 4000);
        long small = all.stream().filter(m -> m.size() >= 2048 && m.size() <= 21 * 1024).count();
        long large = all.stream().filter(m -> m.size() > 100 * 1024).count();
        long max = all.stream().mapToLong(Message::size).max().orElseThrow();
        assertTrue(small >= 0.9 * all.size(), small + " of " + all.size() + " between 2 and 21 KB");
        assertTrue(large >= 10, "large messages: " + large);
        assertTrue(max <= 1100 * 1024, "largest " + max);
        double mean = all.stream().mapToLong(Message::size).average().orElseThrow();
        System.out.printf("MessageFactory REALISTIC: mean %.1f KB, largest %d KB, %d > 100 KB of %d%n", mean / 1024,
                max / 1024, large, all.size());
    }

    @Test
    void smallSizesStayBetween1And5Kilobytes() {
        for (Message m : generate(11, SizeProfile.SMALL, 2000)) {
            assertTrue(m.size() >= 1024 && m.size() <= 5 * 1024, "size " + m.size() + " of " + m.index());
        }
    }

    @Test
    void datesAscendWithTheIndexAndRepliesReferToEarlierMessages() {
        List<Message> all = generate(12, SizeProfile.SMALL, 1000);
        for (int i = 1; i < all.size(); i++) {
            assertFalse(all.get(i).date().isBefore(all.get(i - 1).date()), "date of " + i);
        }
        Set<String> earlier = new HashSet<>();
        int replies = 0;
        for (Message m : all) {
            String text = new String(m.bytes(), StandardCharsets.UTF_8);
            int at = text.indexOf("\r\nIn-Reply-To: ");
            if (at >= 0) {
                replies++;
                String parent = text.substring(at + 15, text.indexOf("\r\n", at + 2));
                assertTrue(earlier.contains(parent), "reply " + m.index() + " to unknown " + parent);
                assertTrue(m.subject().startsWith("Re: "), m.subject());
            }
            earlier.add(m.messageId());
        }
        assertTrue(replies > 100, "replies: " + replies);
    }

    @Test
    void simpleMessagesCarryTheGivenSubjectAndBody() {
        String text = new String(MessageFactory.simple("Hello there", "line one\nline two"), StandardCharsets.UTF_8);
        assertTrue(text.contains("\r\nSubject: Hello there\r\n"), text);
        assertTrue(text.endsWith("\r\n\r\nline one\r\nline two\r\n"), text);
        assertFalse(new String(MessageFactory.simple("a", "b"), StandardCharsets.UTF_8)
                .equals(new String(MessageFactory.simple("a", "b"), StandardCharsets.UTF_8)), "fresh Message-ID each time");
    }
}
