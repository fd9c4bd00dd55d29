/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.tidemark.model.MailboxName;

/**
 * A LIST or LSUB response: {@code * LIST (\HasNoChildren \Sent) "/" "Sent" (extended data)} (RFC 3501
 * §7.2.2, RFC 5258 for the extended data, which is skipped, RFC 6154 for special-use attributes).
 *
 * @param name the mailbox name, decoded from modified UTF-7
 * @param delimiter the hierarchy delimiter, or 0 for NIL
 * @param attributes the attributes as written
 */
record ListEntry(MailboxName name, char delimiter, Set<String> attributes) {

    /**
     * @param lx positioned after the word LIST or LSUB
     * @return the entry, or null for an entry with an empty name (the reply to a delimiter query)
     */
    static ListEntry parse(Lexer lx) {
        List<String> attrs = lx.atomList();
        char delimiter;
        if (lx.acceptWord("NIL")) {
            delimiter = 0;
        } else {
            String d = lx.astring();
            if (d.length() != 1) {
                throw lx.error("hierarchy delimiter is not one character");
            }
            delimiter = d.charAt(0);
        }
        String wire = lx.astring();
        // anything after the name is LIST-EXTENDED data (CHILDINFO, OLDNAME): not needed here
        MailboxName name = MailboxCodec.decode(wire);
        return name == null ? null : new ListEntry(name, delimiter, new LinkedHashSet<>(attrs));
    }

    /** @return whether the attributes include {@code \Subscribed} */
    boolean subscribed() {
        return attributes.stream().anyMatch(a -> a.equalsIgnoreCase("\\Subscribed"));
    }
}
