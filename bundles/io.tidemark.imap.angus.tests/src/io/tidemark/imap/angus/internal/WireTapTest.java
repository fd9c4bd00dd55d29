/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class WireTapTest {

    private final List<String> lines = new ArrayList<>();
    private final TrafficMeter meter = new TrafficMeter();
    private final WireTrace trace = new WireTrace(lines::add);

    private static void feed(WireTap tap, String s) throws OversizedResponseException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        // in odd slices, as TCP delivers them
        for (int i = 0; i < b.length; i += 3) {
            tap.bytes(b, i, Math.min(3, b.length - i));
        }
    }

    @Test
    void serverLinesAreTracedAndSmallLiteralsShownLargeOnesElided() throws Exception {
        WireTap tap = new WireTap(false, meter, trace, 1 << 20);
        String big = "x".repeat(300);
        String wire = "* 1 FETCH (BODY[] {5}\r\nab\r\nc UID 3)\r\n* 2 FETCH (BODY[] {300}\r\n" + big + ")\r\n";
        feed(tap, wire);
        assertEquals(List.of("S: * 1 FETCH (BODY[] {5}", "S: ab\\r\\nc UID 3)", "S: * 2 FETCH (BODY[] {300}",
                "S: <literal 300 bytes>)"), lines);
        assertEquals(wire.length(), meter.snapshot().bytesIn());
    }

    @Test
    void clientCommandsAreCountedButNotDoneOrSaslLines() throws Exception {
        WireTap tap = new WireTap(true, meter, trace, Long.MAX_VALUE);
        feed(tap, "t1 NOOP\r\nt2 APPEND \"INBOX\" {12+}\r\nline1\r\nline2 more\r\n");
        tap.nextLineIsNotACommand();
        feed(tap, "DONE\r\n");
        feed(tap, "t4 IDLE\r\n");
        assertEquals(3, meter.snapshot().commands());
        assertEquals(List.of("C: t1 NOOP", "C: t2 APPEND \"INBOX\" {12+}", "C: line1\\r\\nline2 more", "C: DONE",
                "C: t4 IDLE"), lines);
    }

    @Test
    void credentialsAreRedactedWhileSensitive() throws Exception {
        WireTap client = new WireTap(true, meter, trace, Long.MAX_VALUE);
        WireTap server = new WireTap(false, meter, trace, 1 << 20);
        trace.sensitive(true);
        feed(client, "A1 LOGIN \"alice\" {6}\r\n");
        feed(server, "+ go ahead\r\n");
        feed(client, "hunter\r\n");
        feed(client, "A2 AUTHENTICATE PLAIN AGFsaWNlAGh1bnRlcg==\r\n");
        feed(server, "+ eyJzdGF0dXMiOiI0MDEifQ==\r\n");
        feed(client, "AGFsaWNlAGh1bnRlcg==\r\n");
        feed(server, "A2 NO [AUTHENTICATIONFAILED] nope\r\n");
        trace.sensitive(false);
        feed(client, "t3 NOOP\r\n");
        assertEquals(List.of("C: A1 LOGIN ***", "S: + ***", "C: A2 AUTHENTICATE PLAIN ***", "S: + ***", "C: ***",
                "S: A2 NO [AUTHENTICATIONFAILED] nope", "C: t3 NOOP"), lines);
        assertEquals(3, meter.snapshot().commands(), "LOGIN, AUTHENTICATE, NOOP; not the SASL response");
    }

    @Test
    void aLiteralLargerThanAllowedIsRefusedWhenAnnounced() throws Exception {
        WireTap tap = new WireTap(false, meter, new WireTrace(null), 1000);
        feed(tap, "* 1 FETCH (BODY[] {1000}\r\n" + "y".repeat(1000) + ")\r\n");
        assertThrows(OversizedResponseException.class, () -> feed(tap, "* 2 FETCH (BODY[] {1001}\r\n"));
    }

    @Test
    void aLineWithoutEndIsRefusedWhenTooLong() {
        WireTap tap = new WireTap(false, meter, new WireTrace(null), 1000);
        assertThrows(OversizedResponseException.class, () -> feed(tap, "* " + "x".repeat(1200)));
    }
}
