/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class EncodedWordsTest {

    @Test
    void qAndBWordsAreDecoded() {
        assertEquals("Grüße", EncodedWords.decode("=?UTF-8?Q?Gr=C3=BC=C3=9Fe?="));
        assertEquals("Grüße", EncodedWords.decode("=?utf-8?b?R3LDvMOfZQ==?="));
        assertEquals("a b", EncodedWords.decode("=?ISO-8859-1?Q?a_b?="));
    }

    @Test
    void whitespaceBetweenEncodedWordsDisappearsButNotAroundPlainText() {
        assertEquals("ab", EncodedWords.decode("=?UTF-8?Q?a?= =?UTF-8?Q?b?="));
        assertEquals("Re: ab c", EncodedWords.decode("Re: =?UTF-8?Q?a?=  =?UTF-8?Q?b?= c"));
    }

    @Test
    void aCharacterSplitAcrossWordsIsJoinedBeforeDecoding() {
        // ü is C3 BC in UTF-8; the two bytes sit in two words
        assertEquals("ü", EncodedWords.decode("=?UTF-8?Q?=C3?= =?UTF-8?Q?=BC?="));
    }

    @Test
    void undecodableWordsStayAsWritten() {
        assertEquals("=?x-unknown?Q?abc?=", EncodedWords.decode("=?x-unknown?Q?abc?="));
        assertEquals("=?UTF-8?Q?bad=ZZ?=", EncodedWords.decode("=?UTF-8?Q?bad=ZZ?="));
        assertEquals("plain =? text", EncodedWords.decode("plain =? text"));
        assertNull(EncodedWords.decode(null));
    }
}
