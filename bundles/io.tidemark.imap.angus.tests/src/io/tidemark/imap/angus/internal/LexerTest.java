/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class LexerTest {

    @Test
    void quotedStringsUnescapeBackslashAndQuote() {
        assertEquals("a \"b\" \\c", Lexer.of("\"a \\\"b\\\" \\\\c\"").astring());
    }

    @Test
    void literalsMayHoldAnyBytesIncludingCrlfAndParentheses() {
        Lexer lx = Lexer.of("{6}\r\n(a\r\nb) next");
        assertArrayEquals("(a\r\nb)".getBytes(StandardCharsets.US_ASCII), lx.nstringBytes());
        assertEquals("next", lx.atom());
        assertTrue(lx.atEnd());
    }

    @Test
    void literalLengthsCountBytesNotCharacters() {
        Lexer lx = Lexer.of("{6}\r\nGrüß x");
        assertEquals("Grüß", lx.nstring());
        assertEquals("x", lx.atom());
    }

    @Test
    void nilIsNull() {
        assertNull(Lexer.of("NIL").nstring());
        assertNull(Lexer.of("nil").nstring());
    }

    @Test
    void rawValuesKeepNestingStringsAndLiterals() {
        Lexer lx = Lexer.of("((\"a)\" {3}\r\n)(( NIL) 5) rest");
        assertEquals("((\"a)\" {3}\r\n)(( NIL) 5)", lx.rawValue());
        assertEquals("rest", lx.atom());
    }

    @Test
    void fetchItemNamesIncludeSectionsAndOrigins() {
        Lexer lx = Lexer.of("BODY[HEADER.FIELDS (SUBJECT \"X-A]\")]<0> {0}\r\n UID 4");
        assertEquals("BODY[HEADER.FIELDS (SUBJECT \"X-A]\")]<0>", lx.fetchItemName());
        lx.skipValue();
        assertEquals("UID", lx.fetchItemName());
        assertEquals(4, lx.number());
    }

    @Test
    void flagListsAndTheirAtoms() {
        assertEquals(List.of("\\Seen", "$Forwarded", "\\*"), Lexer.of("(\\Seen $Forwarded \\*)").atomList());
        assertEquals(List.of(), Lexer.of("()").atomList());
    }

    @Test
    void everyMalformationIsAFormatErrorNotACrash() {
        assertThrows(ResponseFormatException.class, () -> Lexer.of("\"unterminated").astring());
        assertThrows(ResponseFormatException.class, () -> Lexer.of("{5}\r\nab").nstring());
        assertThrows(ResponseFormatException.class, () -> Lexer.of("{5\r\nab").nstring());
        assertThrows(ResponseFormatException.class, () -> Lexer.of("{99999999999}\r\nab").nstring());
        assertThrows(ResponseFormatException.class, () -> Lexer.of("(a (b)").skipValue());
        assertThrows(ResponseFormatException.class, () -> Lexer.of("").atom());
        assertThrows(ResponseFormatException.class, () -> Lexer.of("x").number());
        assertThrows(ResponseFormatException.class, () -> Lexer.of("1234567890123456789012").number());
        assertThrows(ResponseFormatException.class, () -> Lexer.of("(a b").atomList());
        assertThrows(ResponseFormatException.class, () -> Lexer.of("BODY[HEADER").fetchItemName());
    }
}
