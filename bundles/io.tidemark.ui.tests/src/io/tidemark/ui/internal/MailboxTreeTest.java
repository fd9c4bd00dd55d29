/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.model.MailboxRef;
import io.tidemark.store.api.MailboxRecord;

/** The folder tree of the Mailboxes view, built from the store's flat list of mailboxes. */
class MailboxTreeTest {

    private final AccountConfig config = StoreMail.account("tree");
    private final AccountNode account = new AccountNode(config, null, null, 0);

    private MailboxRecord record(String name, char delimiter) {
        return new MailboxRecord(new MailboxRef(AccountId.of("tree"), io.tidemark.model.MailboxName.of(name)),
                delimiter, Set.of(), true, true);
    }

    @Test
    void nestedNamesHangFromTheirParentsAndMissingParentsGetAStandIn() {
        var nodes = MailboxTree.build(account, List.of(record("Lists/eclipse/dev", '/'), record("INBOX", '/'),
                record("archive", '/'), record("Archive/2024", '/')));
        assertEquals(List.of("INBOX", "Archive", "archive", "Lists"),
                account.children().stream().map(FolderNode::label).toList(), "INBOX first, then by name ignoring case, upper case first on a tie");
        FolderNode lists = account.children().get(3);
        assertNull(lists.record(), "Lists is not listed itself: a stand-in");
        FolderNode eclipse = lists.children().get(0);
        FolderNode dev = eclipse.children().get(0);
        assertEquals("dev", dev.label());
        assertSame(eclipse, dev.parent());
        assertSame(account, lists.parent());
        assertEquals(7, nodes.size(), "every node, the stand-ins Lists, Lists/eclipse and Archive included");
    }

    @Test
    void aFlatNamespaceAndInboxChildren() {
        MailboxTree.build(account, List.of(record("a.b", (char) 0), record("INBOX", '.'), record("INBOX.Sub", '.')));
        assertEquals(List.of("INBOX", "a.b"), account.children().stream().map(FolderNode::label).toList(),
                "no delimiter: no nesting");
        assertEquals(List.of("Sub"), account.children().get(0).children().stream().map(FolderNode::label).toList());
    }
}
