/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import static io.tidemark.store.jpa.internal.Samples.ACCOUNT;
import static io.tidemark.store.jpa.internal.Samples.INBOX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tidemark.store.api.MailboxSyncState;
import io.tidemark.store.api.MessageOrder;
import io.tidemark.store.api.MessageRecord;

/** The JPA store on an H2 file. */
class JpaMailStoreTest {

    @TempDir
    Path dir;

    private JpaMailStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private JpaMailStore open() throws Exception {
        store = new JpaMailStore(StoreSettings.h2(dir));
        store.open();
        return store;
    }

    @Test
    void messagesWrittenAreReadBackAfterReopening() throws Exception {
        open();
        store.write(tx -> {
            tx.putAccount(Samples.account(ACCOUNT));
            tx.putMailbox(Samples.mailbox(INBOX));
            tx.putSyncState(INBOX, MailboxSyncState.initial(7));
            tx.putMessages(INBOX, Samples.messages(1, 50));
            return null;
        });
        store.close();
        open();
        assertEquals(Samples.account(ACCOUNT), store.account(ACCOUNT).orElseThrow());
        assertEquals(Samples.message(17), store.message(INBOX, 17).orElseThrow());
        List<MessageRecord> page = store.page(INBOX, MessageOrder.DATE_DESC, 0, 3);
        assertEquals(List.of(50L, 49L, 48L), page.stream().map(MessageRecord::uid).toList());
        assertTrue(store.uids(INBOX).size() == 50);
    }
}
