/* SPDX-License-Identifier: EPL-2.0 */
package io.tidemark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BodyPolicyTest {

    @Test
    void parsesTheNamedPolicies() {
        assertSame(BodyPolicy.HEADERS, BodyPolicy.parse("headers"));
        assertSame(BodyPolicy.FULL, BodyPolicy.parse("full"));
        assertSame(BodyPolicy.FULL, BodyPolicy.parse(" FULL "));
        assertSame(BodyPolicy.HEADERS, BodyPolicy.parse("Headers"));
    }

    @Test
    void parsesSizesWithBinarySuffixes() {
        assertEquals(BodyPolicy.upTo(1000), BodyPolicy.parse("max=1000"));
        assertEquals(BodyPolicy.upTo(10 * 1024), BodyPolicy.parse("max=10k"));
        assertEquals(BodyPolicy.upTo(5L * 1024 * 1024), BodyPolicy.parse("max=5M"));
        assertEquals(BodyPolicy.upTo(2L * 1024 * 1024 * 1024), BodyPolicy.parse("MAX=2g"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "none", "max=", "max=k", "max=0", "max=-5", "max=abc", "max=1.5m", "max=1t",
            "max=99999999999999g", "full body", "max 10" })
    void refusesOtherTextNamingIt(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BodyPolicy.parse(text));
        assertEquals("Not a body policy: '" + text + "' (use headers, full or max=SIZE)", e.getMessage());
    }

    @Test
    void refusesNull() {
        assertThrows(IllegalArgumentException.class, () -> BodyPolicy.parse(null));
    }

    @Test
    void printedFormParsesBack() {
        for (BodyPolicy p : new BodyPolicy[] { BodyPolicy.HEADERS, BodyPolicy.FULL, BodyPolicy.upTo(12345) }) {
            assertEquals(p, BodyPolicy.parse(p.toString()));
        }
        assertEquals("max=12345", BodyPolicy.upTo(12345).toString());
    }

    @Test
    void wantsBodyFollowsTheMode() {
        assertFalse(BodyPolicy.HEADERS.wantsBody(1));
        assertTrue(BodyPolicy.FULL.wantsBody(Long.MAX_VALUE));
        BodyPolicy p = BodyPolicy.upTo(100);
        assertTrue(p.wantsBody(0));
        assertTrue(p.wantsBody(100));
        assertFalse(p.wantsBody(101));
        assertFalse(p.wantsBody(-1), "an unknown size is not assumed small");
    }

    @Test
    void constructorValidates() {
        assertThrows(IllegalArgumentException.class, () -> new BodyPolicy(null, 0));
        assertThrows(IllegalArgumentException.class, () -> new BodyPolicy(BodyPolicy.Mode.FULL_UP_TO, 0));
        assertEquals(0, new BodyPolicy(BodyPolicy.Mode.FULL, 77).maxSize());
    }
}
