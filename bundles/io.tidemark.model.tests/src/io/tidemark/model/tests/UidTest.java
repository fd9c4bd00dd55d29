package io.tidemark.model.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import org.junit.jupiter.api.Test;
import io.tidemark.model.Uid;

class UidTest {
    @Test
    void valueRoundTrips() {
        assertEquals(5, new Uid(5).value());
    }
}
