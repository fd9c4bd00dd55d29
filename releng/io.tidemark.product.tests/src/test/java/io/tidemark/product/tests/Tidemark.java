/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

/**
 * Runs {@code ./tidemark} (the root script of the source tree, which starts the materialized product) as a child
 * process, with its own data folder ({@code TIDEMARK_DATA}), configuration folder ({@code XDG_CONFIG_HOME}) and
 * home, exactly as a user's shell would.
 */
final class Tidemark {

    /** The source tree's root, where the {@code tidemark} script is. */
    static final Path ROOT = Path.of(System.getProperty("tidemark.root", "../..")).toAbsolutePath().normalize();

    /** What a command printed and returned. */
    record Result(List<String> args, int code, String out, String err) {
        Result expect(int expected) {
            assertEquals(expected, code, () -> "exit code of ./tidemark " + String.join(" ", args) + "\nstdout:\n" + out
                    + "\nstderr:\n" + err);
            return this;
        }

        JsonElement json() {
            try {
                return JsonParser.parseString(out);
            } catch (RuntimeException e) {
                throw new AssertionError("not JSON: " + out + err, e);
            }
        }

        /** Asserts the output holds no stack trace. */
        Result noStackTrace() {
            assertFalse(out.contains("\tat ") || err.contains("\tat ") || err.contains("Exception in thread"),
                    () -> "stack trace in the output of " + args + ":\n" + err);
            return this;
        }
    }

    /** A command running in the background. */
    static final class Running {
        final Process process;
        final List<String> args;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final Thread outPump;
        private final Thread errPump;

        Running(Process p, List<String> args) {
            this.process = p;
            this.args = args;
            outPump = pump(p.getInputStream(), out);
            errPump = pump(p.getErrorStream(), err);
        }

        private static Thread pump(InputStream in, ByteArrayOutputStream to) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[8192];
                try {
                    for (int n; (n = in.read(buf)) > 0;) {
                        synchronized (to) {
                            to.write(buf, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
            });
            t.setDaemon(true);
            t.start();
            return t;
        }

        String out() {
            synchronized (out) {
                return out.toString(StandardCharsets.UTF_8);
            }
        }

        String err() {
            synchronized (err) {
                return err.toString(StandardCharsets.UTF_8);
            }
        }

        /** Waits until standard error holds {@code text} or the process ends. */
        boolean awaitErr(String text, long millis) throws InterruptedException {
            long end = System.currentTimeMillis() + millis;
            while (!err().contains(text) && process.isAlive() && System.currentTimeMillis() < end) {
                Thread.sleep(20);
            }
            return err().contains(text);
        }

        /** Sends a signal (e.g. {@code INT}, {@code KILL}) to the JVM (the script execs it: same PID). */
        void signal(String name) throws IOException, InterruptedException {
            // perl is on every Debian system (perl-base is essential); kill(1) from procps may be missing
            new ProcessBuilder("perl", "-e", "kill '" + name + "', " + process.pid()).start().waitFor(10,
                    TimeUnit.SECONDS);
        }

        Result await(long seconds) throws InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("./tidemark " + args + " did not end within " + seconds + " s\n" + out() + err());
            }
            outPump.join(5000);
            errPump.join(5000);
            return new Result(args, process.exitValue(), out(), err());
        }
    }

    final Path home;
    final Path data;
    final Path config;
    final Map<String, String> env = new HashMap<>();
    final List<Result> history = new ArrayList<>();

    Tidemark(Path home) {
        this.home = home;
        this.data = home.resolve("data");
        this.config = home.resolve("xdg-config").resolve("tidemark");
    }

    private ProcessBuilder builder(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile());
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("TIDEMARK_") || k.startsWith("XDG_"));
        e.put("HOME", home.toString());
        e.put("TIDEMARK_DATA", data.toString());
        e.put("XDG_CONFIG_HOME", config.getParent().toString());
        e.putAll(env);
        return pb;
    }

    /**
     * Starts {@code ./tidemark args}. Ctrl-C reaches it: it starts through perl (always on Debian) to restore the
     * default SIGINT disposition, which a shell running the build in the background would have left ignored.
     */
    Running start(String... args) {
        List<String> cmd = new ArrayList<>(List.of("perl", "-e", "$SIG{INT}='DEFAULT'; exec @ARGV or die $!",
                ROOT.resolve("tidemark").toString()));
        cmd.addAll(List.of(args));
        try {
            return new Running(builder(cmd).start(), List.of(args));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code ./tidemark args} to its end (at most five minutes). */
    Result run(String... args) {
        try {
            Result r = start(args).await(300);
            history.add(r);
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Runs a command on a pseudo-terminal ({@code script} from util-linux) and, once the terminal shows
     * {@code prompt}, types {@code input} (typed earlier, the terminal would echo it before the command can turn
     * echo off, as it would for a person typing ahead).
     *
     * @param prompt what to wait for before typing, or null to type nothing
     * @return the terminal transcript (what the user saw) and the exit code
     */
    Result runOnTerminal(String prompt, String input, String... args) throws IOException, InterruptedException {
        StringBuilder line = new StringBuilder(ROOT.resolve("tidemark").toString());
        for (String a : args) {
            line.append(" '").append(a.replace("'", "'\\''")).append('\'');
        }
        ProcessBuilder pb = builder(List.of("script", "-qefc", line.toString(), "/dev/null"));
        pb.environment().put("COLUMNS", "100");
        Process p = pb.start();
        Running r = new Running(p, List.of(args));
        if (prompt != null) {
            long end = System.currentTimeMillis() + 120_000;
            while (!r.out().contains(prompt) && p.isAlive() && System.currentTimeMillis() < end) {
                Thread.sleep(20);
            }
            Thread.sleep(300); // the prompt is printed before echo goes off; give it the moment
            p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().flush();
        }
        Result result = r.await(300);
        history.add(result);
        return result;
    }

    /** Asserts that {@code secret} is in no output so far and in no file of the data and configuration folders. */
    void assertSecretNowhere(String secret, Path... more) throws IOException {
        for (Result r : history) {
            assertFalse(r.out().contains(secret) || r.err().contains(secret), () -> "secret in the output of " + r.args());
        }
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        List<Path> roots = new ArrayList<>(List.of(data, config, home));
        roots.addAll(List.of(more));
        for (Path root : roots) {
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    byte[] hay = Files.readAllBytes(f);
                    assertFalse(contains(hay, needle), () -> "secret in " + f);
                }
            }
        }
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer: for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
