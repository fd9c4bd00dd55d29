/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The README's first command, {@code ./tidemark demo}, at its default size on a fresh data folder, and what
 * {@code ./tidemark status} shows afterwards; also the help with its exit codes.
 */
class DemoProductTest {

    @TempDir
    Path home;

    @Test
    void theDemoRunsEndToEndAndLeavesAReplicaThatStatusShows() throws IOException {
        Tidemark t = new Tidemark(home);
        Tidemark.Result demo = t.run("demo").expect(0).noStackTrace();
        String out = demo.out();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "demo-transcript.txt"), "$ ./tidemark demo\n" + out + demo.err());
        for (String step : new String[] { "1. Started GreenMail 2.1.8", "2. Filled it with 3,000 realistic messages",
                "INBOX 1,800, Archive 750, Lists 450", "3. First sync into the store at "
                        + t.data.resolve("tidemark.mv.db"), "3 mailboxes, 3,000 new",
                "- 40 new messages arrived in INBOX", "- 60 messages deleted (expunged) from INBOX",
                "- 150 messages got other flags", "- 25 messages moved from INBOX to Archive",
                "Detected: 40 new, 60 vanished, 150 with changed flags, 25 moved (relinked, not downloaded again); "
                        + "UIDVALIDITY reset of Lists: 450 messages re-identified and kept.",
                "NAIVE", "FETCH 1:*" }) {
            assertTrue(out.contains(step), () -> "'" + step + "' in\n" + out);
        }
        JsonObject status = t.run("status", "demo", "--json").expect(0).json().getAsJsonObject();
        Map<String, JsonObject> boxes = new HashMap<>();
        for (JsonElement e : status.getAsJsonArray("accounts").get(0).getAsJsonObject().getAsJsonArray("mailboxes")) {
            boxes.put(e.getAsJsonObject().get("mailbox").getAsString(), e.getAsJsonObject());
        }
        assertEquals(1800 + 40 - 60 - 25, boxes.get("INBOX").get("messages").getAsInt());
        assertEquals(750 + 25, boxes.get("Archive").get("messages").getAsInt());
        assertEquals(450, boxes.get("Lists").get("messages").getAsInt());
        String text = t.run("status").expect(0).out();
        assertTrue(text.contains("Account 'demo'") && text.contains("Lists"), text);
        String ls = t.run("ls", "demo", "INBOX", "--page-size", "3").expect(0).out();
        assertTrue(ls.contains("INBOX: page 1 of 585 (1,755 messages"), ls);
    }

    @Test
    void theHelpListsTheCommandsAndTheExitCodes() {
        Tidemark t = new Tidemark(home);
        String help = t.run("--help").expect(0).out();
        for (String line : new String[] { "  sync ", "  watch ", "  status ", "  ls ", "  folders ", "  verify ",
                "  accounts ", "  demo ", "  mark ", "  delete ", "  move ", "Exit codes:", "    0  success",
                "   10  unknown host", "   11  connection refused", "   12  timeout", "   13  TLS certificate not trusted",
                "   14  authentication failed", "   15  folder not found", "    3  malformed configuration file",
                "   20  store locked by another process", "   21  store not writable",
                "   22  store written by a newer Tidemark", "  130  interrupted (Ctrl-C)" }) {
            assertTrue(help.contains(line), () -> "'" + line + "' in\n" + help);
        }
        assertTrue(t.run("--version").expect(0).out().startsWith("tidemark 0.1.0."));
        Tidemark.Result usage = t.run("sync", "--no-such-option").expect(2).noStackTrace();
        assertTrue(usage.err().contains("Unknown option: '--no-such-option'"), usage.err());
    }
}
