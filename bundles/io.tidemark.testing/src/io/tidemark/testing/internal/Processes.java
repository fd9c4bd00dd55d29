/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.testing.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs short external commands with captured output, and ends process trees that a fixture started. */
public final class Processes {

    private Processes() {
    }

    /**
     * The outcome of a finished command.
     *
     * @param command the command line, for messages
     * @param exitCode the exit status
     * @param stdout everything written to standard output
     * @param stderr everything written to standard error
     */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {

        /** @return whether the command exited with status 0 */
        public boolean ok() {
            return exitCode == 0;
        }

        /**
         * @return this result
         * @throws IllegalStateException naming the command, its status and its standard error if it failed
         */
        public Result orThrow() {
            if (exitCode != 0) {
                throw new IllegalStateException("Command " + String.join(" ", command) + " exited with " + exitCode
                        + (stderr.isBlank() ? "" : ": " + stderr.strip())
                        + (stdout.isBlank() ? "" : "\nstdout: " + stdout.strip()));
            }
            return this;
        }
    }

    /**
     * Runs a command to its end. Standard input is empty.
     *
     * @param command program and arguments
     * @param directory the working directory, or null for the current one
     * @param env extra environment variables
     * @param timeout how long to wait before the command is killed
     * @return the result (also for a non-zero exit)
     * @throws UncheckedIOException if the program cannot be started
     * @throws IllegalStateException if it did not end within the timeout (it is then killed)
     */
    public static Result run(List<String> command, Path directory, Map<String, String> env, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        if (directory != null) {
            pb.directory(directory.toFile());
        }
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                terminateTree(p.toHandle(), Duration.ZERO);
                throw new IllegalStateException(
                        "Command " + String.join(" ", command) + " did not finish within " + timeout);
            }
            return new Result(List.copyOf(command), p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            terminateTree(p.toHandle(), Duration.ZERO);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
        }
    }

    /** @see #run(List, Path, Map, Duration) */
    public static Result run(List<String> command, Duration timeout) {
        return run(command, null, Map.of(), timeout);
    }

    private static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
    }

    private static CompletableFuture<String> drain(InputStream in) {
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (in) {
                f.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                f.complete("");
            }
        }, "tidemark-testing-drain");
        t.setDaemon(true);
        t.start();
        return f;
    }

    /**
     * Ends a process and its descendants: SIGTERM to the root and to every descendant at once, then SIGKILL
     * to whatever is still alive after {@code grace}. Signalling the children together matters for Dovecot:
     * a master that gets SIGTERM alone waits about a second for its log process before it exits.
     *
     * @param root the process this fixture started
     * @param grace how long the processes get to end by themselves
     * @return true if every process has ended
     */
    public static boolean terminateTree(ProcessHandle root, Duration grace) {
        Set<ProcessHandle> all = new LinkedHashSet<>();
        all.add(root);
        root.descendants().forEach(all::add);
        all.forEach(ProcessHandle::destroy);
        // anything the root spawned meanwhile (a login process for a late connection) gets the signal too
        root.descendants().filter(all::add).forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle h : all) {
            waitUntilGone(h, deadline);
        }
        for (ProcessHandle h : all) {
            if (isAlive(h.pid())) {
                h.destroyForcibly();
            }
        }
        long killDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        boolean allGone = true;
        for (ProcessHandle h : all) {
            allGone &= waitUntilGone(h, killDeadline);
        }
        return allGone;
    }

    private static boolean waitUntilGone(ProcessHandle h, long deadlineNanos) {
        while (isAlive(h.pid())) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                h.onExit().get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                // poll again: onExit never completes for a zombie we are not the parent of
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !isAlive(h.pid());
            }
        }
        return true;
    }

    /**
     * @param pid a process id
     * @return whether a live process has that id (a zombie counts as ended)
     */
    public static boolean isAlive(long pid) {
        // A daemonised process (postmaster) is re-parented to PID 1; if that init does not reap, the
        // ended process lingers as a zombie that ProcessHandle still calls alive. /proc tells the truth.
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String s = java.nio.file.Files.readString(stat, StandardCharsets.ISO_8859_1);
            int close = s.lastIndexOf(')');
            char state = close >= 0 && close + 2 < s.length() ? s.charAt(close + 2) : '?';
            return state != 'Z' && state != 'X';
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }
}
