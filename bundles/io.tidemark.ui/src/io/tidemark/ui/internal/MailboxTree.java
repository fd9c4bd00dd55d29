/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxRef;
import io.tidemark.store.api.MailboxRecord;

/**
 * Builds an account's folder tree from the flat list of mailbox records, splitting names at the server's
 * hierarchy delimiter and adding a stand-in node for a parent the server does not list. Pure; any thread.
 */
final class MailboxTree {

    /** INBOX first, then by label, case-insensitively. */
    static final Comparator<FolderNode> ORDER = Comparator
            .comparing((FolderNode f) -> !f.ref().name().isInbox())
            .thenComparing(f -> f.label().toLowerCase(Locale.ROOT))
            .thenComparing(FolderNode::label);

    private MailboxTree() {
    }

    /**
     * @param account the account node the top-level folders hang from
     * @param records the account's mailboxes
     * @return the nodes by mailbox (every node, stand-ins included); the top-level ones are set as the
     *         account's children
     */
    static Map<MailboxRef, FolderNode> build(AccountNode account, List<MailboxRecord> records) {
        Map<MailboxRef, FolderNode> nodes = new LinkedHashMap<>();
        List<FolderNode> top = new java.util.ArrayList<>();
        for (MailboxRecord r : records) {
            FolderNode n = node(account, r.ref().name().value(), r.delimiter(), nodes, top);
            n.record = r;
        }
        sort(top);
        account.setChildren(top);
        return nodes;
    }

    private static FolderNode node(AccountNode account, String name, char delimiter, Map<MailboxRef, FolderNode> nodes,
            List<FolderNode> top) {
        MailboxRef ref = new MailboxRef(account.id(), MailboxName.of(name));
        FolderNode existing = nodes.get(ref);
        if (existing != null) {
            return existing;
        }
        int cut = delimiter == 0 || ref.name().isInbox() ? -1 : name.lastIndexOf(delimiter);
        FolderNode n;
        if (cut > 0 && cut < name.length() - 1) {
            FolderNode parent = node(account, name.substring(0, cut), delimiter, nodes, top);
            n = new FolderNode(ref, name.substring(cut + 1), parent);
            parent.children().add(n);
        } else {
            n = new FolderNode(ref, name, account);
            top.add(n);
        }
        nodes.put(ref, n);
        return n;
    }

    private static void sort(List<FolderNode> level) {
        level.sort(ORDER);
        for (FolderNode f : level) {
            sort(f.children());
        }
    }
}
