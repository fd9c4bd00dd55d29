/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.tidemark.testing.DovecotServer;

/**
 * {@code tidemark demo} end to end on both servers (smaller than the default so that the suite stays quick; the
 * full-size demo runs on the product in releng/io.tidemark.product.tests): the second sync must detect exactly
 * what the second device did, the naive diff must have been measured, and the replica must stay for
 * {@code tidemark status}.
 */
class DemoTest {

    @TempDir
    Path dir;

    private static Map<String, JsonObject> byMailbox(JsonObject sync) {
        Map<String, JsonObject> out = new HashMap<>();
        for (JsonElement e : sync.getAsJsonArray("mailboxes")) {
            out.put(e.getAsJsonObject().get("mailbox").getAsString(), e.getAsJsonObject());
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "greenmail", "dovecot" })
    void theSecondSyncFindsWhatTheSecondDeviceDidAndCostsLessThanTheNaiveDiff(String server) {
        if (server.equals("dovecot") && !Files.isExecutable(DovecotServer.DOVECOT) && System.getenv("CI") == null) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "needs the dovecot-imapd package");
        }
        Cli cli = new Cli(dir);
        JsonObject demo = cli.run("demo", "--server", server, "--messages", "600", "--json").expect(0).json()
                .getAsJsonObject();
        JsonObject device = demo.getAsJsonObject("secondDevice");
        Map<String, JsonObject> first = byMailbox(demo.getAsJsonObject("firstSync"));
        assertEquals(360, first.get("INBOX").get("added").getAsInt());
        assertEquals(150, first.get("Archive").get("added").getAsInt());
        assertEquals(90, first.get("Lists").get("added").getAsInt());

        Map<String, JsonObject> second = byMailbox(demo.getAsJsonObject("secondSync"));
        JsonObject inbox = second.get("INBOX");
        JsonObject archive = second.get("Archive");
        JsonObject lists = second.get("Lists");
        assertEquals(device.get("added").getAsInt(), inbox.get("added").getAsInt());
        assertEquals(device.get("deleted").getAsInt(), inbox.get("vanished").getAsInt());
        assertEquals(device.get("moved").getAsInt(), archive.get("moved").getAsInt(), "moves relinked");
        assertEquals(0, archive.get("added").getAsInt(), "moved messages are not downloaded again");
        assertEquals(device.get("flagChanges").getAsInt(),
                inbox.get("changed").getAsInt() + archive.get("changed").getAsInt());
        assertTrue(lists.get("uidValidityReset").getAsBoolean());
        assertNotEquals(device.get("uidValidityBefore").getAsLong(), device.get("uidValidityAfter").getAsLong());
        assertEquals(90, lists.get("moved").getAsInt(), "every message of Lists re-identified in the new epoch");
        assertEquals(0, lists.get("added").getAsInt());

        JsonObject naive = demo.getAsJsonObject("naive");
        assertEquals(device.get("added").getAsInt() + device.get("moved").getAsInt() + 90, naive.get("added").getAsInt(),
                "the naive diff downloads new, moved and every message of the reset mailbox");
        assertEquals(device.get("deleted").getAsInt() + device.get("moved").getAsInt(), naive.get("vanished").getAsInt());
        long naiveIn = naive.getAsJsonObject("traffic").get("bytesIn").getAsLong();
        long oursIn = demo.getAsJsonObject("secondSync").getAsJsonObject("traffic").get("bytesIn").getAsLong();
        assertTrue(oursIn < naiveIn, "Tidemark " + oursIn + " bytes vs naive " + naiveIn);

        // the replica stays
        JsonObject status = cli.run("status", "demo", "--json").expect(0).json().getAsJsonObject();
        Map<String, JsonObject> boxes = byMailbox(status.getAsJsonArray("accounts").get(0).getAsJsonObject());
        int expectedInbox = 360 + device.get("added").getAsInt() - device.get("deleted").getAsInt()
                - device.get("moved").getAsInt();
        assertEquals(expectedInbox, boxes.get("INBOX").get("messages").getAsInt());
        assertEquals(150 + device.get("moved").getAsInt(), boxes.get("Archive").get("messages").getAsInt());
        assertEquals(90, boxes.get("Lists").get("messages").getAsInt());
        assertEquals(device.get("uidValidityAfter").getAsLong(), boxes.get("Lists").get("uidValidity").getAsLong());
    }

    @Test
    void theTextTellsTheStoryAndASecondRunReplacesTheFirstReplica() {
        Cli cli = new Cli(dir);
        String out = cli.run("demo", "--messages", "200", "--sizes", "small").expect(0).out();
        for (String step : new String[] { "1. Started GreenMail", "2. Filled it with 200 small messages",
                "3. First sync into the store at " + dir.resolve("data").resolve("tidemark.mv.db"),
                "4. A second device changed the mailboxes:", "5. Second sync:", "Detected: ",
                "6. What finding and fetching those changes cost", "NAIVE", "FETCH 1:*", "./tidemark status demo" }) {
            assertTrue(out.contains(step), () -> step + " in\n" + out);
        }
        assertFalse(out.contains("FAILED"), out);
        cli.run("demo", "--messages", "100", "--sizes", "small", "--quiet").expect(0);
        JsonObject status = cli.run("status", "demo", "--json").expect(0).json().getAsJsonObject();
        int total = 0;
        for (JsonObject b : byMailbox(status.getAsJsonArray("accounts").get(0).getAsJsonObject()).values()) {
            total += b.get("messages").getAsInt();
        }
        assertTrue(total < 200, "the second demo's replica replaced the first: " + total);
        cli.run("demo", "--server", "exchange").expect(ExitCode.USAGE);
    }
}
