/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.testing.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.tidemark.testing.CapabilityProfile;
import io.tidemark.testing.DovecotServer;
import io.tidemark.testing.MessageFactory;
import io.tidemark.testing.OtherClient;

/**
 * Proves what each {@link CapabilityProfile} makes Dovecot advertise before and after login, and records
 * that Dovecot still executes what a profile hides.
 */
class DovecotProfileTest {

    private static final List<String> EXTENSIONS_OF_FULL = List.of("QRESYNC", "CONDSTORE", "ENABLE", "UIDPLUS", "MOVE",
            "IDLE", "ESEARCH", "LIST-STATUS", "SPECIAL-USE", "NOTIFY", "LITERAL+", "LIST-EXTENDED", "NAMESPACE",
            "UNSELECT");

    @ParameterizedTest
    @EnumSource(CapabilityProfile.class)
    void capabilityListAfterLoginIsExactlyTheProfileList(CapabilityProfile profile) {
        try (DovecotServer dovecot = DovecotServer.start(profile); OtherClient other = dovecot.otherClient()) {
            List<String> expected = profile.capabilities().stream().map(c -> c.toUpperCase(Locale.ROOT)).toList();
            assertEquals(expected, List.copyOf(other.capabilities()), "post-login CAPABILITY of " + profile);
            assertEquals(dovecot.capabilities(), profile.capabilities());
        }
    }

    @ParameterizedTest
    @EnumSource(CapabilityProfile.class)
    void compressAddsDeflateToEveryProfileAndNothingElse(CapabilityProfile profile) {
        try (DovecotServer dovecot = DovecotServer.builder().profile(profile).compress(true).start();
                OtherClient other = dovecot.otherClient()) {
            assertTrue(other.hasCapability("COMPRESS=DEFLATE"), other.capabilities().toString());
            Set<String> expected = new HashSet<>(profile.capabilities());
            expected.add("COMPRESS=DEFLATE");
            assertEquals(expected, Set.copyOf(dovecot.capabilities()));
            assertEquals(upper(expected), upper(other.capabilities()), "post-login CAPABILITY of " + profile);
        }
        try (DovecotServer dovecot = DovecotServer.start(profile); OtherClient other = dovecot.otherClient()) {
            assertFalse(other.hasCapability("COMPRESS=DEFLATE"), "only when asked: " + other.capabilities());
        }
    }

    private static Set<String> upper(Collection<String> capabilities) {
        Set<String> out = new HashSet<>();
        capabilities.forEach(c -> out.add(c.toUpperCase(Locale.ROOT)));
        return out;
    }

    @Test
    void fullProfileAdvertisesQresyncCondstoreAndTheOtherSyncExtensionsAfterLogin() {
        try (DovecotServer dovecot = DovecotServer.start(CapabilityProfile.FULL); OtherClient other = dovecot.otherClient()) {
            for (String cap : EXTENSIONS_OF_FULL) {
                assertTrue(other.hasCapability(cap), cap + " missing in " + other.capabilities());
            }
            // before login Dovecot's default list is short: the sync extensions only appear after LOGIN
            assertFalse(other.preLoginCapabilities().contains("QRESYNC"), other.preLoginCapabilities().toString());
            assertTrue(other.preLoginCapabilities().containsAll(Set.of("IMAP4REV1", "ENABLE", "IDLE", "LITERAL+",
                    "AUTH=PLAIN")), other.preLoginCapabilities().toString());
        }
    }

    @Test
    void condstoreOnlyProfileAdvertisesCondstoreButNotQresync() {
        try (DovecotServer dovecot = DovecotServer.start(CapabilityProfile.CONDSTORE_ONLY);
                OtherClient other = dovecot.otherClient()) {
            assertTrue(other.hasCapability("CONDSTORE"), other.capabilities().toString());
            assertTrue(other.hasCapability("ENABLE"), other.capabilities().toString());
            assertFalse(other.hasCapability("QRESYNC"), other.capabilities().toString());
            // an explicit imap_capability replaces the pre-login list as well
            assertTrue(other.preLoginCapabilities().contains("CONDSTORE"), other.preLoginCapabilities().toString());
            assertFalse(other.preLoginCapabilities().contains("QRESYNC"), other.preLoginCapabilities().toString());
        }
    }

    @Test
    void plainProfileAdvertisesNeitherCondstoreNorQresyncNorEnable() {
        try (DovecotServer dovecot = DovecotServer.start(CapabilityProfile.PLAIN); OtherClient other = dovecot.otherClient()) {
            for (String cap : List.of("CONDSTORE", "QRESYNC", "ENABLE", "ESEARCH", "LIST-STATUS", "NOTIFY", "SPECIAL-USE")) {
                assertFalse(other.hasCapability(cap), cap + " advertised by PLAIN: " + other.capabilities());
            }
            for (String cap : List.of("IMAP4REV1", "UIDPLUS", "MOVE", "IDLE", "LITERAL+")) {
                assertTrue(other.hasCapability(cap), cap + " missing in PLAIN: " + other.capabilities());
            }
        }
    }

    @Test
    void plainProfileCanDropUidplusAndMove() {
        try (DovecotServer dovecot = DovecotServer.builder().profile(CapabilityProfile.PLAIN)
                .withoutCapabilities("UIDPLUS", "move").start(); OtherClient other = dovecot.otherClient()) {
            assertFalse(other.hasCapability("UIDPLUS"), other.capabilities().toString());
            assertFalse(other.hasCapability("MOVE"), other.capabilities().toString());
            assertTrue(other.hasCapability("IDLE"), other.capabilities().toString());
            assertEquals(List.of("IMAP4rev1", "SASL-IR", "LOGIN-REFERRALS", "ID", "IDLE", "NAMESPACE", "UNSELECT",
                    "CHILDREN", "LITERAL+"), dovecot.capabilities());
        }
    }

    @Test
    void plainDovecotStillExecutesEnableQresyncThatItDoesNotAdvertise() {
        // Recorded behaviour of Dovecot 2.3: imap_capability only changes the advertisement. A client that
        // sends ENABLE without checking CAPABILITY is not caught by this profile (GreenMail refuses it).
        try (DovecotServer dovecot = DovecotServer.start(CapabilityProfile.PLAIN); OtherClient other = dovecot.otherClient()) {
            OtherClient.Response enable = other.execute("ENABLE QRESYNC CONDSTORE");
            assertTrue(enable.isOk(), enable.all());
            assertTrue(enable.untagged().contains("* ENABLED QRESYNC CONDSTORE"), enable.all());
        }
    }

    @Test
    void plainDovecotStillAnswersSelectCondstoreWithHighestModSeq() {
        try (DovecotServer dovecot = DovecotServer.start(CapabilityProfile.PLAIN); OtherClient other = dovecot.otherClient()) {
            OtherClient.Response plainSelect = other.execute("SELECT INBOX");
            assertTrue(plainSelect.isOk(), plainSelect.all());
            assertFalse(plainSelect.all().contains("HIGHESTMODSEQ"), plainSelect.all());
            OtherClient.Response select = other.execute("SELECT INBOX (CONDSTORE)");
            assertTrue(select.isOk(), select.all());
            assertTrue(select.all().contains("[HIGHESTMODSEQ "), select.all());
        }
    }

    @Test
    void appendStillReturnsAppendUidWhenUidplusIsHidden() {
        try (DovecotServer dovecot = DovecotServer.builder().profile(CapabilityProfile.PLAIN)
                .withoutCapabilities("UIDPLUS").start(); OtherClient other = dovecot.otherClient()) {
            assertFalse(other.hasCapability("UIDPLUS"));
            String message = new String(MessageFactory.simple("hidden uidplus", "body"), StandardCharsets.US_ASCII);
            OtherClient.Response append = other.execute("APPEND INBOX {" + message.length() + "+}\r\n" + message);
            assertTrue(append.isOk(), append.all());
            assertTrue(append.text().contains("[APPENDUID "), append.all());
            // without UIDPLUS OtherClient infers the UID from UIDNEXT: same answer
            assertEquals(2, other.append("INBOX", MessageFactory.simple("second", "body")));
        }
    }

    @Test
    void fullProfileListsTheSpecialUseMailboxesWithTheirAttributes() {
        try (DovecotServer dovecot = DovecotServer.start(); OtherClient other = dovecot.otherClient()) {
            OtherClient.Response list = other.execute("LIST \"\" \"*\" RETURN (SPECIAL-USE)");
            assertTrue(list.isOk(), list.all());
            for (String use : List.of("Sent", "Trash", "Drafts", "Junk", "Archive")) {
                assertTrue(list.untagged().stream().anyMatch(l -> l.contains("\\" + use) && l.endsWith(" " + use)),
                        use + " missing: " + list.all());
            }
            assertTrue(other.listSubscribed().containsAll(List.of("Sent", "Trash", "Drafts", "Junk", "Archive")),
                    other.listSubscribed().toString());
        }
    }
}
