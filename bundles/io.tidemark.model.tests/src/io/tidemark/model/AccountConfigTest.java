/* SPDX-License-Identifier: EPL-2.0 */
package io.tidemark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccountConfigTest {

    private static final AccountId WORK = AccountId.of("work");

    private static AccountConfig.Builder minimal() {
        return AccountConfig.builder(WORK).host("mail.example.com").user("alice");
    }

    private static String failure(AccountConfig.Builder b) {
        return assertThrows(IllegalArgumentException.class, b::build).getMessage();
    }

    @Test
    void defaultsAreSecureAndComplete() {
        AccountConfig c = minimal().build();
        assertEquals(WORK, c.id());
        assertEquals(Security.TLS, c.security());
        assertEquals(993, c.port());
        assertEquals(AuthMechanism.AUTO, c.auth());
        assertFalse(c.allowInsecure());
        assertNull(c.pinnedCertificateSha256());
        assertEquals(AccountConfig.DEFAULT_CONNECT_TIMEOUT, c.connectTimeout());
        assertEquals(AccountConfig.DEFAULT_READ_TIMEOUT, c.readTimeout());
        assertEquals(FolderSelection.SUBSCRIBED, c.folders());
        assertEquals(BodyPolicy.HEADERS, c.bodyPolicy());
        assertEquals(2, c.maxConnections());
    }

    @Test
    void portDefaultsFollowTheSecurity() {
        assertEquals(143, minimal().security(Security.STARTTLS).build().port());
        assertEquals(143, minimal().security(Security.NONE).allowInsecure(true).build().port());
        assertEquals(1993, minimal().port(1993).build().port());
    }

    @Test
    void nullSecurityMeansTls() {
        assertEquals(Security.TLS, new AccountConfig(WORK, "h", 0, null, "u", null, false, null, null, null, null,
                null, 0).security());
    }

    @Test
    void messagesNameTheAccountAndTheField() {
        assertEquals("Account work: host is empty", failure(minimal().host(" ")));
        assertEquals("Account work: host is empty", failure(minimal().host(null)));
        assertEquals("Account work: user is empty", failure(minimal().user("")));
        assertEquals("Account work: port out of range 1-65535: 70000", failure(minimal().port(70000)));
        assertEquals("Account work: port out of range 1-65535: -1", failure(minimal().port(-1)));
        assertEquals("Account work: maxConnections < 1", failure(minimal().maxConnections(-2)));
        assertEquals("Account work: connectTimeout must be positive",
                failure(minimal().connectTimeout(Duration.ZERO)));
        assertEquals("Account work: readTimeout must be positive",
                failure(minimal().readTimeout(Duration.ofSeconds(-1))));
        assertTrue(failure(minimal().pinnedCertificateSha256("abc")).contains("pinned certificate"));
    }

    @Test
    void securityNoneNeedsAllowInsecure() {
        String m = failure(minimal().security(Security.NONE));
        assertTrue(m.startsWith("Account work: security NONE"), m);
        assertTrue(m.contains("allowInsecure"), m);
        assertEquals(Security.NONE, minimal().security(Security.NONE).allowInsecure(true).build().security());
    }

    @Test
    void pinnedFingerprintIsNormalizedToLowerHexWithoutColons() {
        String hex = "AB".repeat(32);
        String withColons = String.join(":", java.util.Collections.nCopies(32, "AB"));
        assertEquals("ab".repeat(32), minimal().pinnedCertificateSha256(hex).build().pinnedCertificateSha256());
        assertEquals("ab".repeat(32),
                minimal().pinnedCertificateSha256(withColons).build().pinnedCertificateSha256());
        assertThrows(IllegalArgumentException.class,
                () -> minimal().pinnedCertificateSha256("zz".repeat(32)).build());
    }

    @Test
    void toBuilderRebuildsAnEqualConfiguration() {
        AccountConfig c = minimal().security(Security.STARTTLS).port(1143).auth(AuthMechanism.XOAUTH2)
                .pinnedCertificateSha256("01".repeat(32)).connectTimeout(Duration.ofSeconds(3))
                .readTimeout(Duration.ofSeconds(9)).folders(FolderSelection.listed(List.of(MailboxName.INBOX)))
                .bodyPolicy(BodyPolicy.upTo(1000)).maxConnections(4).build();
        assertEquals(c, c.toBuilder().build());
        assertEquals(5, c.toBuilder().maxConnections(5).build().maxConnections());
    }

    @Test
    void toStringShowsWhereNotSecrets() {
        assertEquals("work (alice@mail.example.com:993, TLS)", minimal().build().toString());
    }

    @Test
    void readsAnImapsUrl() {
        AccountConfig c = AccountConfig.fromUrl(null, "imaps://alice@mail.example.com", false).build();
        assertEquals(AccountId.of("alice@mail.example.com"), c.id());
        assertEquals("alice", c.user());
        assertEquals("mail.example.com", c.host());
        assertEquals(Security.TLS, c.security());
        assertEquals(993, c.port());
    }

    @Test
    void readsAnImapUrlWithPortAsStarttls() {
        AccountConfig c = AccountConfig.fromUrl("work", "imap://bob@127.0.0.1:1143", false).build();
        assertEquals(WORK, c.id());
        assertEquals(Security.STARTTLS, c.security());
        assertEquals(1143, c.port());
        assertEquals("127.0.0.1", c.host());
    }

    @Test
    void schemeIsCaseInsensitive() {
        assertEquals(Security.TLS, AccountConfig.fromUrl("x", "IMAPS://u@h", false).build().security());
    }

    @Test
    void plainUrlNeedsAllowInsecure() {
        AccountConfig.Builder refused = AccountConfig.fromUrl("t", "imap+plain://u@127.0.0.1:1430", false);
        assertTrue(failure(refused).contains("allowInsecure"));
        AccountConfig c = AccountConfig.fromUrl("t", "imap+plain://u@127.0.0.1:1430", true).build();
        assertEquals(Security.NONE, c.security());
        assertTrue(c.allowInsecure());
        assertEquals(1430, c.port());
    }

    @Test
    void percentEncodedUserIsDecoded() {
        AccountConfig c = AccountConfig.fromUrl(null, "imaps://alice%40example.com@imap.example.com", false).build();
        assertEquals("alice@example.com", c.user());
        assertEquals(AccountId.of("alice@example.com@imap.example.com"), c.id());
        assertEquals("d\u00e9j\u00e0", AccountConfig.fromUrl("x", "imaps://d%C3%A9j%C3%A0@h", false).build().user());
    }

    @Test
    void plusInTheUserStaysAPlus() {
        AccountConfig c = AccountConfig.fromUrl(null, "imaps://bob+tag@example.com", false).build();
        assertEquals("bob+tag", c.user());
        assertEquals(AccountId.of("bob+tag@example.com"), c.id());
    }

    @Test
    void anEncodedColonIsPartOfTheUserName() {
        assertEquals("domain:bob", AccountConfig.fromUrl("x", "imaps://domain%3Abob@h", false).build().user());
    }

    @Test
    void generatedIdReplacesCharactersAnAccountIdCannotHold() {
        AccountConfig c = AccountConfig.fromUrl(null, "imaps://first%20last@h.example", false).build();
        assertEquals("first last", c.user());
        assertEquals(AccountId.of("first_last@h.example"), c.id());
    }

    @ParameterizedTest
    @ValueSource(strings = { "imaps://bob:s3cr3t@example.com", "imap://bob:s3cr3t@example.com:143/INBOX",
            "imaps://bob:s3cr3t@ex ample.com", "http://bob:s3cr3t@example.com", "imaps://bob:s3cr3t@my_host",
            "imaps://bob:s3/cr3t@example.com", "imaps://bob:s3cr3t@" })
    void passwordsInUrlsAreRefusedWithoutRepeatingThem(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AccountConfig.fromUrl(null, url, false));
        assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
        assertFalse(e.getMessage().contains("cr3t"), e.getMessage());
    }

    @Test
    void aPasswordIsNamedAsTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AccountConfig.fromUrl(null, "imaps://bob:pw@example.com", false));
        assertEquals("Account URL must not contain a password: 'imaps://bob:***@example.com'", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "imaps://example.com", "imaps://@example.com", "pop3://bob@example.com",
            "bob@example.com", "", "imaps://bob@" })
    void refusesUrlsThatAreNotAccountUrls(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AccountConfig.fromUrl(null, url, false));
        assertTrue(e.getMessage().contains("'" + url + "'"), e.getMessage());
    }

    @Test
    void refusesNull() {
        assertThrows(IllegalArgumentException.class, () -> AccountConfig.fromUrl(null, null, false));
    }

    @Test
    void redactLeavesUrlsWithoutPasswordAlone() {
        assertEquals("imaps://bob@example.com:993/x", AccountConfig.redact("imaps://bob@example.com:993/x"));
        assertEquals("imaps://example.com:993", AccountConfig.redact("imaps://example.com:993"));
        assertEquals("imaps://b:***@h", AccountConfig.redact("imaps://b:p@ss@h"));
    }

    @Test
    void accountIdsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> AccountId.of(""));
        assertThrows(IllegalArgumentException.class, () -> AccountId.of("a b"));
        assertThrows(IllegalArgumentException.class, () -> AccountId.of("x".repeat(129)));
        assertEquals("a.b_c-d@e+f", AccountId.of("a.b_c-d@e+f").toString());
        assertTrue(AccountId.of("a").compareTo(AccountId.of("b")) < 0);
    }
}
