/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import org.eclipse.angus.mail.iap.ParsingException;
import org.eclipse.angus.mail.imap.protocol.FetchItem;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;

/**
 * FETCH items Angus does not know, registered with its parser: the OBJECTID items (RFC 8474) this bundle
 * decodes, and extension items some servers send unasked, which are skipped. Without them Angus rejects the
 * whole response ("unrecognized item").
 */
final class ExtensionFetchItems {

    static final String EMAILID = "EMAILID";
    static final String THREADID = "THREADID";

    /** Every item registered with the parser. */
    static final FetchItem[] ALL = {
        new ObjectIdItem(EMAILID),
        new ObjectIdItem(THREADID),
        new SkippedItem("X-GM-MSGID"),
        new SkippedItem("X-GM-THRID"),
        new SkippedItem("X-GM-LABELS"),
        new SkippedItem("SAVEDATE"),
        new SkippedItem("PREVIEW"),
        new SkippedItem("SNIPPET"),
        new SkippedItem("MAILBOXID"),
    };

    private ExtensionFetchItems() {
    }

    /** {@code EMAILID (id)} or {@code THREADID (id)}; THREADID may be {@code NIL}. */
    private static final class ObjectIdItem extends FetchItem {
        ObjectIdItem(String name) {
            super(name, null);
        }

        @Override
        public Object parseItem(FetchResponse r) throws ParsingException {
            r.skipSpaces();
            if (r.peekByte() == 'N' || r.peekByte() == 'n') {
                String nil = r.readAtom();
                if (!"NIL".equalsIgnoreCase(nil)) {
                    throw new ParsingException(getName() + " is neither (id) nor NIL");
                }
                return null;
            }
            if (!r.isNextNonSpace('(')) {
                throw new ParsingException(getName() + " lacks '('");
            }
            String id = r.readAtom();
            if (id == null || id.isEmpty() || !r.isNextNonSpace(')')) {
                throw new ParsingException(getName() + " is not (objectid)");
            }
            return id;
        }
    }

    /** An item whose value is read and dropped. */
    private static final class SkippedItem extends FetchItem {
        SkippedItem(String name) {
            super(name, null);
        }

        @Override
        public Object parseItem(FetchResponse r) throws ParsingException {
            skip(r, 0);
            return null;
        }

        private static void skip(FetchResponse r, int depth) throws ParsingException {
            if (depth > 50) {
                throw new ParsingException("value nested too deeply");
            }
            r.skipSpaces();
            byte b = r.peekByte();
            if (b == '(') {
                r.readByte();
                while (!r.isNextNonSpace(')')) {
                    if (r.peekByte() == 0) {
                        throw new ParsingException("unterminated list");
                    }
                    skip(r, depth + 1);
                }
            } else if (b == '"' || b == '{') {
                r.readByteArray();
            } else if (b == 0) {
                throw new ParsingException("missing value");
            } else {
                String atom = r.readAtom();
                if (atom == null || atom.isEmpty()) {
                    // Angus's atoms stop at a backslash, '*' and '%' (as in \Inbox): step over that byte
                    r.readByte();
                }
            }
        }
    }
}
