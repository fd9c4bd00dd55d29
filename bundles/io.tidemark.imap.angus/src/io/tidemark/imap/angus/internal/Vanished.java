/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import io.tidemark.model.UidSet;

/**
 * A {@code VANISHED} response (RFC 7162 §3.2.10): {@code * VANISHED (EARLIER) 41,43:116} reports expunges
 * that happened before (QRESYNC SELECT, FETCH with VANISHED); without {@code (EARLIER)} it is a live
 * expunge that replaces EXPUNGE while QRESYNC is enabled.
 *
 * @param uids the expunged UIDs
 * @param earlier whether {@code (EARLIER)} was given
 */
record Vanished(UidSet uids, boolean earlier) {

    /** @param r a response whose key is VANISHED */
    static Vanished of(WireResponse r) {
        return parse(r.lexer());
    }

    /** @param lx positioned after the word VANISHED */
    static Vanished parse(Lexer lx) {
        boolean earlier = false;
        if (lx.accept('(')) {
            if (!lx.acceptWord("EARLIER")) {
                throw lx.error("VANISHED tag other than EARLIER");
            }
            lx.expect(')');
            earlier = true;
        }
        UidSet uids = lx.sequenceSet();
        if (!lx.atEnd()) {
            throw lx.error("text after the VANISHED set");
        }
        return new Vanished(uids, earlier);
    }
}
