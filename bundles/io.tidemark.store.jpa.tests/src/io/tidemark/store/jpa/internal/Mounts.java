/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Small tmpfs mounts for the tests that need a read-only or a full file system: permission bits do not stop
 * root, and a real full disk is not something a test can ask for. Needs root (CAP_SYS_ADMIN); without it the
 * tests are skipped, or fail when {@code CI} is set.
 */
final class Mounts {

    private Mounts() {
    }

    /** Mounts a tmpfs of {@code size} (e.g. {@code 4m}) on {@code dir}, read-only if asked. */
    static void tmpfs(Path dir, String size, boolean readOnly) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("mount", "-t", "tmpfs", "-o",
                (readOnly ? "ro," : "") + "size=" + size + ",mode=0755", "tmpfs", dir.toString()));
        String why = run(cmd);
        if (why != null) {
            String msg = "needs root to mount a tmpfs (a read-only or full file system for the test): " + why;
            if (System.getenv("CI") != null) {
                fail(msg);
            }
            assumeTrue(false, msg);
        }
    }

    /** Remounts {@code dir} with other options (e.g. {@code ro}, {@code size=64m}). */
    static void remount(Path dir, String options) throws Exception {
        String why = run(List.of("mount", "-o", "remount," + options, dir.toString()));
        if (why != null) {
            fail("remount " + dir + " " + options + " failed: " + why);
        }
    }

    /** Unmounts {@code dir}; quietly does nothing if it is not a mount point. */
    static void unmount(Path dir) {
        try {
            run(List.of("umount", "-l", dir.toString()));
        } catch (Exception e) {
            // best effort: the temp folder goes at the next boot anyway
        }
    }

    /** @return null if the command succeeded, else its output */
    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            return e.getMessage();
        }
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "timed out";
        }
        return p.exitValue() == 0 ? null : out + " (exit " + p.exitValue() + ")";
    }
}
