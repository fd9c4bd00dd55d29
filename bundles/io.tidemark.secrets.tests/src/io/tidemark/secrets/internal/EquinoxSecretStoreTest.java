/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.secrets.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.core.runtime.CoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

import io.tidemark.imap.api.Credentials;
import io.tidemark.imap.api.ImapError;
import io.tidemark.imap.api.ImapStatus;
import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.model.AuthMechanism;
import io.tidemark.sync.api.SecretStore;

/** The secret store on real Equinox secure storage files. */
class EquinoxSecretStoreTest {

    private static final String SECRET = "correct horse battery staple §42";

    @TempDir
    Path dir;

    private static AccountConfig account(String id) {
        return AccountConfig.builder(AccountId.of(id)).host("imap.example.org").user(id + "@example.org").build();
    }

    @Test
    void aSavedSecretIsHandedOutByTheProviderAfterARestart() throws Exception {
        AccountConfig work = account("work");
        new EquinoxSecretStore(dir).save(work, SECRET.toCharArray());

        EquinoxSecretStore again = new EquinoxSecretStore(dir); // another process, later
        assertTrue(again.has(work.id()));
        Credentials c = again.provider().credentials(work, false);
        assertEquals("work@example.org", c.user());
        assertArrayEquals(SECRET.toCharArray(), c.secret());
        assertFalse(c.isToken());
    }

    @Test
    void aTokenAccountGetsATokenCredential() throws Exception {
        AccountConfig oauth = account("oauth").toBuilder().auth(AuthMechanism.XOAUTH2).build();
        EquinoxSecretStore store = new EquinoxSecretStore(dir);
        store.save(oauth, "ya29.token".toCharArray());
        assertTrue(store.provider().credentials(oauth, false).isToken());
    }

    @Test
    void theSecretIsEncryptedOnDiskAndBothFilesAreOwnerOnly() throws Exception {
        new EquinoxSecretStore(dir).save(account("work"), SECRET.toCharArray());
        Path storage = dir.resolve(EquinoxSecretStore.STORAGE_FILE);
        Path key = dir.resolve(EquinoxSecretStore.KEY_FILE);
        assertTrue(Files.isRegularFile(storage) && Files.isRegularFile(key));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(storage)));
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertFalse(text.contains("horse battery"), "plain secret in " + f);
                assertFalse(new String(Files.readAllBytes(f), StandardCharsets.UTF_8).contains(SECRET), f.toString());
            }
        }
    }

    @Test
    void aKeyFileWithWiderPermissionsIsTightened() throws Exception {
        new EquinoxSecretStore(dir).save(account("work"), SECRET.toCharArray());
        Path key = dir.resolve(EquinoxSecretStore.KEY_FILE);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        assertTrue(new EquinoxSecretStore(dir).has(AccountId.of("work")));
        new EquinoxSecretStore(dir).provider().credentials(account("work"), false);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    }

    @Test
    void withoutASavedSecretTheProviderFailsWithAnAuthenticationStatusNamingTheAccount() throws Exception {
        EquinoxSecretStore store = new EquinoxSecretStore(dir);
        assertFalse(store.has(AccountId.of("nobody")));
        CoreException e = assertThrows(CoreException.class,
                () -> store.provider().credentials(account("nobody"), false));
        assertEquals(ImapError.AUTHENTICATION, ImapStatus.errorOf(e));
        assertTrue(e.getStatus().getMessage().contains("'nobody'"), e.getStatus().getMessage());
        assertFalse(Files.exists(dir.resolve(EquinoxSecretStore.KEY_FILE)), "reading creates nothing");
    }

    @Test
    void aRejectedSavedSecretIsNotHandedOutTwice() throws Exception {
        EquinoxSecretStore store = new EquinoxSecretStore(dir);
        store.save(account("work"), SECRET.toCharArray());
        CoreException e = assertThrows(CoreException.class,
                () -> store.provider().credentials(account("work"), true));
        assertEquals(ImapError.AUTHENTICATION, ImapStatus.errorOf(e));
        assertFalse(e.getStatus().getMessage().contains(SECRET));
    }

    @Test
    void deleteForgetsOnlyThatAccount() throws Exception {
        EquinoxSecretStore store = new EquinoxSecretStore(dir);
        store.save(account("a"), "one".toCharArray());
        store.save(account("b"), "two".toCharArray());
        store.delete(AccountId.of("a"));
        store.delete(AccountId.of("never-saved"));
        EquinoxSecretStore again = new EquinoxSecretStore(dir);
        assertFalse(again.has(AccountId.of("a")));
        assertArrayEquals("two".toCharArray(), again.provider().credentials(account("b"), false).secret());
    }

    @Test
    void saveReplacesTheSecret() throws Exception {
        EquinoxSecretStore store = new EquinoxSecretStore(dir);
        store.save(account("a"), "old".toCharArray());
        store.save(account("a"), "new".toCharArray());
        assertArrayEquals("new".toCharArray(),
                new EquinoxSecretStore(dir).provider().credentials(account("a"), false).secret());
    }

    @Test
    void anotherFoldersStoreCannotReadTheSecretWithoutItsKey() throws Exception {
        new EquinoxSecretStore(dir).save(account("a"), SECRET.toCharArray());
        Path other = Files.createDirectory(dir.resolve("other"));
        Files.copy(dir.resolve(EquinoxSecretStore.STORAGE_FILE), other.resolve(EquinoxSecretStore.STORAGE_FILE));
        Files.writeString(other.resolve(EquinoxSecretStore.KEY_FILE), "not-the-key");
        CoreException e = assertThrows(CoreException.class,
                () -> new EquinoxSecretStore(other).provider().credentials(account("a"), false));
        assertEquals(ImapError.AUTHENTICATION, ImapStatus.errorOf(e));
        assertFalse(e.getStatus().getMessage().contains(SECRET));
    }

    @Test
    void theDefaultFolderFollowsThePropertyThenXdgThenHome() {
        assertEquals(Path.of("/p"), EquinoxSecretStore.defaultFolder("/p", Map.of("XDG_CONFIG_HOME", "/x")));
        assertEquals(Path.of("/x/tidemark"), EquinoxSecretStore.defaultFolder(null, Map.of("XDG_CONFIG_HOME", "/x")));
        assertEquals(Path.of("/h/.config/tidemark"), EquinoxSecretStore.defaultFolder("", Map.of("HOME", "/h")));
    }

    @Test
    void theDsServiceUsesTheConfiguredFolder() throws Exception {
        BundleContext ctx = FrameworkUtil.getBundle(EquinoxSecretStoreTest.class).getBundleContext();
        ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> cm = new ServiceTracker<>(ctx, ConfigurationAdmin.class,
                null);
        cm.open();
        ConfigurationAdmin admin = cm.waitForService(20_000);
        assertNotNull(admin, "ConfigurationAdmin");
        Configuration config = admin.getConfiguration(EquinoxSecretStore.PID, "?");
        String marker = Long.toString(System.nanoTime());
        config.update(new java.util.Hashtable<>(Map.of("folder", dir.toString(), "test.marker", marker)));
        ServiceTracker<SecretStore, SecretStore> t = new ServiceTracker<>(ctx,
                ctx.createFilter("(&(objectClass=" + SecretStore.class.getName() + ")(test.marker=" + marker + "))"),
                null);
        t.open();
        try {
            SecretStore s = t.waitForService(20_000);
            assertNotNull(s, "the configured SecretStore service");
            s.save(account("ds"), SECRET.toCharArray());
            assertTrue(Files.exists(dir.resolve(EquinoxSecretStore.STORAGE_FILE)));
            assertTrue(new EquinoxSecretStore(dir).has(AccountId.of("ds")));
        } finally {
            t.close();
            config.delete();
            cm.close();
        }
    }
}
