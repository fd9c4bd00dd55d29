/* SPDX-License-Identifier: EPL-2.0 */
package io.tidemark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlagsTest {

    @Test
    void parsesAFlagListWithParentheses() {
        Flags f = Flags.parse("(\\Seen \\Flagged $Label1 work)");
        assertEquals(EnumSet.of(SystemFlag.SEEN, SystemFlag.FLAGGED), f.system());
        assertEquals(Set.of("$Label1", "work"), f.keywords());
        assertTrue(f.has(SystemFlag.SEEN));
        assertFalse(f.has(SystemFlag.DELETED));
    }

    @Test
    void parsesWithoutParenthesesAndWithExtraSpaces() {
        assertEquals(Flags.parse("(\\Seen \\Answered)"), Flags.parse("  \\Answered   \\Seen "));
        assertEquals(Flags.parse("(\\Seen)"), Flags.parse("( \\Seen )"));
    }

    @Test
    void emptyListsAreEmpty() {
        assertSame(Flags.EMPTY, Flags.parse("()"));
        assertSame(Flags.EMPTY, Flags.parse(""));
        assertSame(Flags.EMPTY, Flags.parse("  ( )  "));
        assertTrue(Flags.EMPTY.isEmpty());
        assertEquals("()", Flags.EMPTY.toImapList());
    }

    @Test
    void systemFlagsAreCaseInsensitive() {
        Flags f = Flags.parse("(\\SEEN \\deleted \\dRaFt)");
        assertEquals(EnumSet.of(SystemFlag.SEEN, SystemFlag.DELETED, SystemFlag.DRAFT), f.system());
        assertTrue(f.keywords().isEmpty());
    }

    @Test
    void recentAndTheWildcardAreNeverKept() {
        Flags f = Flags.parse("(\\Recent \\Seen \\* \\RECENT)");
        assertEquals(Flags.SEEN, f);
        assertSame(Flags.EMPTY, Flags.of(List.of("\\Recent")));
        assertSame(Flags.EMPTY, Flags.of(List.of("\\*", "")));
    }

    @Test
    void theConstructorRefusesRecentAndTheWildcardAsKeywords() {
        assertThrows(IllegalArgumentException.class, () -> new Flags(Set.of(), Set.of("\\Recent")));
        assertThrows(IllegalArgumentException.class, () -> new Flags(Set.of(), Set.of("\\*")));
    }

    @Test
    void unknownBackslashFlagsAreKeptAsKeywords() {
        Flags f = Flags.parse("(\\Seen \\Important)");
        assertEquals(Set.of("\\Important"), f.keywords());
        assertTrue(f.hasKeyword("\\important"));
    }

    @Test
    void systemFlagsCannotBeKeywords() {
        assertThrows(IllegalArgumentException.class, () -> new Flags(Set.of(), Set.of("\\Seen")));
        assertThrows(IllegalArgumentException.class, () -> new Flags(Set.of(), Set.of("\\seen")));
        assertThrows(IllegalArgumentException.class, () -> new Flags(Set.of(), Set.of("")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "two words", "tab\there", "(paren", "paren)", "brace{", "quo\"te", "back\\slash",
            "line\r\nbreak", "nul\0" })
    void keywordsThatCannotBeWrittenAsAnAtomAreRefused(String keyword) {
        assertThrows(IllegalArgumentException.class, () -> new Flags(Set.of(), Set.of(keyword)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "(\\Seen", "\\Seen)", "((\\Seen))" })
    void unbalancedOrNestedParenthesesAreRefused(String list) {
        assertThrows(IllegalArgumentException.class, () -> Flags.parse(list));
    }

    @Test
    void keywordsDifferingOnlyInCaseAreOneKeepingTheFirstSpelling() {
        Flags f = Flags.of(List.of("Work", "work", "WORK", "$Label1"));
        assertEquals(Set.of("Work", "$Label1"), f.keywords());
        assertEquals(Set.of("$Junk"), Flags.parse("($Junk $junk)").keywords());
    }

    @Test
    void hasKeywordIgnoresCase() {
        Flags f = Flags.parse("($Label1)");
        assertTrue(f.hasKeyword("$label1"));
        assertTrue(f.hasKeyword("$LABEL1"));
        assertFalse(f.hasKeyword("$Label2"));
    }

    @Test
    void plusAddsSystemFlagsAndKeywordsOnce() {
        Flags a = Flags.parse("(\\Seen Work)");
        Flags b = Flags.parse("(\\Flagged work $Junk)");
        Flags sum = a.plus(b);
        assertEquals(EnumSet.of(SystemFlag.SEEN, SystemFlag.FLAGGED), sum.system());
        assertEquals(Set.of("Work", "$Junk"), sum.keywords(), "the existing spelling wins");
        assertSame(a, a.plus(Flags.EMPTY));
    }

    @Test
    void minusRemovesKeywordsWhateverTheirCase() {
        Flags a = Flags.parse("(\\Seen \\Flagged Work $Junk)");
        Flags rest = a.minus(Flags.parse("(\\Flagged WORK \\Draft)"));
        assertEquals(Flags.parse("(\\Seen $Junk)"), rest);
        assertSame(a, a.minus(Flags.EMPTY));
        assertTrue(a.minus(a).isEmpty());
    }

    @Test
    void withAndWithoutChangeOneSystemFlag() {
        Flags f = Flags.EMPTY.with(SystemFlag.SEEN).with(SystemFlag.ANSWERED).without(SystemFlag.SEEN);
        assertEquals(Flags.of(SystemFlag.ANSWERED), f);
        assertEquals(Flags.SEEN, Flags.SEEN.with(SystemFlag.SEEN));
    }

    @Test
    void symmetricDifferenceAndSameAsIgnoreKeywordCase() {
        Flags a = Flags.parse("(\\Seen Work)");
        Flags b = Flags.parse("(\\Seen work)");
        assertNotEquals(a, b, "records compare the spelling");
        assertTrue(a.sameAs(b));
        assertTrue(a.symmetricDifference(b).isEmpty());
        Flags c = Flags.parse("(\\Flagged work $Junk)");
        assertEquals(Flags.parse("(\\Seen \\Flagged $Junk)"), a.symmetricDifference(c));
        assertFalse(a.sameAs(c));
    }

    @Test
    void atomsListSystemFlagsInEnumOrderThenKeywordsSortedIgnoringCase() {
        Flags f = Flags.parse("(zeta \\Draft Alpha \\Seen $Label1 beta \\Answered)");
        assertEquals(List.of("\\Seen", "\\Answered", "\\Draft", "$Label1", "Alpha", "beta", "zeta"), f.atoms());
        assertEquals("(\\Seen \\Answered \\Draft $Label1 Alpha beta zeta)", f.toImapList());
        assertEquals(f.toImapList(), f.toString());
    }

    @Test
    void printedListParsesBackToEqualFlags() {
        Flags f = Flags.parse("(\\Flagged \\Deleted $Forwarded custom)");
        assertEquals(f, Flags.parse(f.toImapList()));
    }

    @Test
    void ofSystemFlagsAndConstants() {
        assertEquals(Flags.SEEN, Flags.of(SystemFlag.SEEN));
        assertEquals(EnumSet.allOf(SystemFlag.class),
                Flags.of(SystemFlag.SEEN, SystemFlag.ANSWERED, SystemFlag.FLAGGED, SystemFlag.DELETED,
                        SystemFlag.DRAFT).system());
        assertTrue(Flags.of().isEmpty());
    }

    @Test
    void componentsAreImmutableCopies() {
        Set<String> kw = new java.util.HashSet<>(Set.of("a"));
        Flags f = new Flags(EnumSet.of(SystemFlag.SEEN), kw);
        kw.add("b");
        assertEquals(Set.of("a"), f.keywords());
        assertThrows(UnsupportedOperationException.class, () -> f.keywords().add("c"));
        assertThrows(UnsupportedOperationException.class, () -> f.system().add(SystemFlag.DRAFT));
    }

    @Test
    void systemFlagAtomsRoundTrip() {
        for (SystemFlag flag : SystemFlag.values()) {
            assertEquals(flag, SystemFlag.fromAtom(flag.atom()).orElseThrow());
            assertEquals(flag, SystemFlag.fromAtom(flag.atom().toUpperCase()).orElseThrow());
        }
        assertTrue(SystemFlag.fromAtom("\\Recent").isEmpty());
        assertTrue(SystemFlag.fromAtom("Seen").isEmpty());
        assertTrue(SystemFlag.fromAtom("\\").isEmpty());
    }
}
