/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's start-up cache (Java 25 AOT cache): recorded by a first run, built by the second, used by the
 * ones after; nothing of it on standard output (where {@code --json} must stay parseable) or standard error; a
 * recording that cannot be built is given up for that build, and the command still works.
 */
class StartupCacheProductTest {

    @TempDir
    Path home;

    private static List<String> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Runs {@code status --json}: succeeds, prints only JSON, and nothing on standard error. */
    private static Tidemark.Result status(Tidemark t) {
        Tidemark.Result r = t.run("--json", "status").expect(0);
        r.json();
        assertEquals("", r.err(), "standard error of status --json");
        return r;
    }

    /** Runs a first command with its cache in {@code dir}; @return the recording it left */
    private static Path firstRun(Tidemark t, Path dir) throws IOException {
        t.env.put("TIDEMARK_AOT_DIR", dir.toString());
        status(t);
        List<String> recorded = files(dir);
        assertEquals(1, recorded.size(), recorded::toString);
        assertTrue(recorded.get(0).matches("\\d+\\.aotconf\\.\\d+"), recorded::toString);
        return dir.resolve(recorded.get(0));
    }

    /** @return the key (product build and Java) a cache file is named after */
    private static String keyOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.indexOf('.'));
    }

    @Test
    void theFirstRunRecordsTheSecondBuildsTheCacheAndLaterRunsStartFromIt() throws IOException {
        Tidemark t = new Tidemark(home);
        Path dir = home.resolve("aot");
        String key = keyOf(firstRun(t, dir));

        status(t);
        assertEquals(List.of(key + ".aot", key + ".log"), files(dir), "the recording became the cache");

        Files.writeString(dir.resolve(key + ".aotconf.99999999"), "a second first run's, its process gone");
        status(t);
        assertEquals(List.of(key + ".aot", key + ".log"), files(dir), "a stray recording is removed");

        t.env.put("TIDEMARK_JAVA_OPTS", "-Xlog:aot=info:stderr");
        Tidemark.Result third = t.run("--json", "status").expect(0);
        third.json();
        assertTrue(third.err().contains("Opened AOT cache " + dir.resolve(key + ".aot")), third.err());

        Path off = home.resolve("aot-off");
        t.env.remove("TIDEMARK_JAVA_OPTS");
        t.env.put("TIDEMARK_AOT_DIR", off.toString());
        t.env.put("TIDEMARK_AOT", "0");
        status(t);
        assertEquals(List.of(), files(off), "TIDEMARK_AOT=0 records nothing");
    }

    @Test
    void aRecordingThatCannotBeBuiltIsGivenUpAndTheCommandStillWorks() throws IOException {
        Tidemark t = new Tidemark(home);
        Path dir = home.resolve("aot");
        Path recording = firstRun(t, dir);
        String key = keyOf(recording);
        Files.writeString(recording, "not an AOT configuration");

        status(t);
        assertEquals(List.of(key + ".failed", key + ".log"), files(dir));
        assertFalse(Files.readString(dir.resolve(key + ".log")).isEmpty(), "the JVM's reason is kept");

        status(t);
        assertEquals(List.of(key + ".failed", key + ".log"), files(dir), "not recorded again for this build");
    }
}
