/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import static io.tidemark.store.jpa.internal.Samples.ACCOUNT;
import static io.tidemark.store.jpa.internal.Samples.INBOX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.CoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

import io.tidemark.store.api.MailboxSyncState;
import io.tidemark.store.api.MessageContent;
import io.tidemark.store.api.StoreError;
import io.tidemark.store.api.StoreStatus;

/**
 * The failures a user meets with an embedded store, each reported as a {@link StoreStatus} that names the
 * location: the database open in another program, a read-only folder, a full disk, a configuration that makes
 * no sense.
 */
class StoreFailureTest {

    @TempDir
    Path dir;

    private JpaMailStore store;
    private Path mounted;

    @AfterEach
    void cleanUp() {
        if (store != null) {
            store.close();
        }
        if (mounted != null) {
            Mounts.unmount(mounted);
        }
    }

    private static CoreException assertStoreError(StoreError expected, Executable call) {
        CoreException e = assertThrows(CoreException.class, call);
        assertEquals(expected, StoreStatus.errorOf(e), () -> "status: " + e.getStatus());
        System.out.println("StoreFailureTest: " + e.getStatus());
        return e;
    }

    @Test
    void aDatabaseOpenInAnotherProcessIsLockedAndUsableOnceReleased() throws Exception {
        Path folder = dir.resolve("store");
        try (ChildJvm other = ChildJvm.start(StoreChild.class, dir.resolve("child.log"), "hold",
                folder.toString())) {
            assertEquals("READY", other.nextLine(120_000), () -> "the other process did not open the store");
            store = new JpaMailStore(StoreSettings.h2(folder));
            CoreException e = assertStoreError(StoreError.LOCKED, store::open);
            String message = e.getStatus().getMessage();
            assertTrue(message.contains(folder.resolve("tidemark.mv.db").toString()), message);
            assertTrue(StoreStatus.find(e).orElseThrow().isRetryable(), "LOCKED is worth retrying");
            // every call says so, as long as the other process holds the file
            assertStoreError(StoreError.LOCKED, () -> store.accounts());

            other.process().getOutputStream().close(); // the other program quits
            assertTrue(other.process().waitFor(60, TimeUnit.SECONDS));
        }
        assertEquals(List.of(), store.accounts(), "the same store instance opens once the file is free");
    }

    @Test
    void aFolderThatCannotBeCreatedIsUnwritable() throws Exception {
        Path readOnly = Files.createDirectory(dir.resolve("ro"));
        Mounts.tmpfs(readOnly, "1m", true);
        mounted = readOnly;
        Path folder = readOnly.resolve("store");
        store = new JpaMailStore(StoreSettings.h2(folder));
        CoreException e = assertStoreError(StoreError.UNWRITABLE, store::open);
        assertTrue(e.getStatus().getMessage().contains(folder.toString()), e.getStatus().getMessage());
        assertFalse(StoreStatus.find(e).orElseThrow().isRetryable());
    }

    @Test
    void aStoreOnAFileSystemMadeReadOnlyIsUnwritableAndKeepsItsData() throws Exception {
        Path mount = Files.createDirectory(dir.resolve("fs"));
        Mounts.tmpfs(mount, "32m", false);
        mounted = mount;
        store = new JpaMailStore(StoreSettings.h2(mount));
        seed(store);
        store.close();
        Mounts.remount(mount, "ro");

        store = new JpaMailStore(StoreSettings.h2(mount));
        CoreException e = assertStoreError(StoreError.UNWRITABLE, store::open);
        assertTrue(e.getStatus().getMessage().contains(mount.toString()), e.getStatus().getMessage());

        Mounts.remount(mount, "rw");
        assertEquals(Samples.message(3), store.message(INBOX, 3).orElseThrow());
    }

    @Test
    void aFullDiskIsDiskFullAndEarlierCommitsSurvive() throws Exception {
        Path mount = Files.createDirectory(dir.resolve("small"));
        Mounts.tmpfs(mount, "6m", false);
        mounted = mount;
        store = new JpaMailStore(StoreSettings.h2(mount));
        seed(store);
        byte[] body = new byte[256 * 1024];
        new java.util.Random(1).nextBytes(body); // incompressible
        CoreException e = assertThrows(CoreException.class, () -> {
            for (long uid = 1; uid <= 1000; uid++) {
                long u = uid;
                store.write(tx -> {
                    tx.putContent(INBOX, 1 + u % 5, new MessageContent(null, null, body.clone()));
                    tx.putMessages(INBOX, List.of(Samples.message(100 + u)));
                    return null;
                });
            }
        });
        assertEquals(StoreError.DISK_FULL, StoreStatus.errorOf(e), () -> "status: " + e.getStatus());
        System.out.println("StoreFailureTest: " + e.getStatus());
        assertTrue(e.getStatus().getMessage().contains(mount.toString()), e.getStatus().getMessage());

        Mounts.remount(mount, "size=64m");
        assertEquals(Samples.message(3), store.message(INBOX, 3).orElseThrow(), "what committed before is intact");
        store.write(tx -> {
            tx.putMessages(INBOX, List.of(Samples.message(99_999)));
            return null;
        });
        assertTrue(store.message(INBOX, 99_999).isPresent(), "the same store takes writes again once there is room");
        store.close();
        store = new JpaMailStore(StoreSettings.h2(mount));
        assertTrue(store.message(INBOX, 99_999).isPresent(), "and the file opens cleanly afterwards");
    }

    @Test
    void aDamagedRowIsCorruptAndNamesTheMailbox() throws Exception {
        store = new JpaMailStore(StoreSettings.h2(dir.resolve("store")));
        seed(store);
        try (java.sql.Connection c = store.openDatabase().connection();
                java.sql.PreparedStatement p = c.prepareStatement("UPDATE tm_message SET envelope = ? WHERE uid = 2")) {
            p.setBytes(1, new byte[] { 99, 1, 2 }); // no version of the store writes envelope format 99
            p.executeUpdate();
        }
        CoreException e = assertStoreError(StoreError.CORRUPT, () -> store.message(INBOX, 2));
        assertTrue(e.getStatus().getMessage().contains("INBOX"), e.getStatus().getMessage());
        assertStoreError(StoreError.CORRUPT, () -> store.page(INBOX, io.tidemark.store.api.MessageOrder.UID_DESC, 0, 10));
        assertEquals(Samples.message(3), store.message(INBOX, 3).orElseThrow(), "the other rows read fine");
    }

    @Test
    void aFolderThatIsAFileIsAConfigurationError() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        store = new JpaMailStore(StoreSettings.h2(file));
        CoreException e = assertStoreError(StoreError.CONFIGURATION, store::open);
        assertTrue(e.getStatus().getMessage().contains(file.toString()), e.getStatus().getMessage());
    }

    @Test
    void anUnsupportedUrlIsAConfigurationErrorWithoutItsPassword() {
        CoreException e = assertStoreError(StoreError.CONFIGURATION,
                () -> StoreSettings.url("jdbc:mysql://db/tidemark?user=a&password=s3cret", "", "", 4));
        String message = e.getStatus().getMessage();
        assertTrue(message.contains("jdbc:mysql://db/tidemark"), message);
        assertFalse(message.contains("s3cret"), message);
    }

    private static void seed(JpaMailStore s) throws CoreException {
        s.write(tx -> {
            tx.putAccount(Samples.account(ACCOUNT));
            tx.putMailbox(Samples.mailbox(INBOX));
            tx.putSyncState(INBOX, MailboxSyncState.initial(7));
            tx.putMessages(INBOX, Samples.messages(1, 5));
            return null;
        });
    }
}
