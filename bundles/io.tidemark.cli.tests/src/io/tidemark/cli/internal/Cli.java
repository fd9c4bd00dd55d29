/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

/**
 * Runs {@code tidemark} commands in this OSGi runtime through the application's entry point
 * ({@link TidemarkCommand#run}), each with this user's own data and configuration folders, environment variables
 * and captured output, the way {@code ./tidemark} runs them (minus the JVM start).
 */
final class Cli {

    /** What one command printed and returned. */
    record Result(List<String> args, int code, String out, String err) {

        /** @return standard output parsed as JSON */
        JsonElement json() {
            try {
                return JsonParser.parseString(out);
            } catch (RuntimeException e) {
                throw new AssertionError("not JSON on stdout of " + args + ": " + e.getMessage() + "\n" + out + err, e);
            }
        }

        /** Asserts the exit code, showing the output if it differs. */
        Result expect(int expected) {
            assertEquals(expected, code, () -> "exit code of tidemark " + String.join(" ", args) + "\nstdout:\n" + out
                    + "\nstderr:\n" + err);
            return this;
        }

        Result expect(ExitCode expected) {
            return expect(expected.code());
        }

        @Override
        public String toString() {
            return "tidemark " + String.join(" ", args) + " -> " + code + "\n" + out + err;
        }
    }

    final Path data;
    final Path config;
    final Path work;
    final Map<String, String> env = new HashMap<>();
    final List<Result> history = new ArrayList<>();
    Terminal terminal = Terminal.NONE;
    Interrupts interrupts = new Interrupts() {
        @Override
        protected void exit(int code) {
            throw new IllegalStateException("the command would have ended the JVM with " + code);
        }
    };

    Cli(Path root) {
        this.data = root.resolve("data");
        this.config = root.resolve("config");
        this.work = root;
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    }

    /** Runs a command line. */
    Result run(String... args) {
        return start(args).await();
    }

    /** A command running on its own thread; its output can be read while it runs. */
    final class Running {
        private final StringWriter out = new StringWriter();
        private final StringWriter err = new StringWriter();
        private final List<String> args;
        private final Thread thread;
        private volatile int code = -1;

        Running(String[] a) {
            args = List.of(a);
            Environment e = new Environment(env, data, config, work, new PrintWriter(out, true),
                    new PrintWriter(err, true), terminal, interrupts, context(), Duration.ofSeconds(60));
            thread = new Thread(() -> code = TidemarkCommand.run(a, e), "tidemark " + String.join(" ", a));
        }

        /** @return standard output so far */
        String out() {
            synchronized (out.getBuffer()) {
                return out.toString();
            }
        }

        /** @return standard error so far */
        String err() {
            synchronized (err.getBuffer()) {
                return err.toString();
            }
        }

        /** Waits (up to two minutes) until standard output holds {@code text}. */
        boolean awaitOutput(String text) throws InterruptedException {
            long end = System.currentTimeMillis() + 120_000;
            while (!out().contains(text) && thread.isAlive() && System.currentTimeMillis() < end) {
                Thread.sleep(50);
            }
            return out().contains(text);
        }

        /** Waits for the command to end and records its result. */
        Result await() {
            try {
                thread.join(600_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                throw new AssertionError("tidemark " + args + " did not end\n" + out() + err());
            }
            Result r = new Result(args, code, out(), err());
            synchronized (history) {
                history.add(r);
            }
            return r;
        }
    }

    /** Starts a command line on its own thread. */
    Running start(String... args) {
        Running r = new Running(args);
        r.thread.start();
        return r;
    }

    /** The bundles the product starts (tidemark.product), whose DS components the commands use. */
    private static final List<String> STARTED = List.of("io.tidemark.cli", "io.tidemark.imap.angus",
            "io.tidemark.sync.core", "io.tidemark.store.jpa", "io.tidemark.secrets");

    /** @return the bundle context of the command's bundle, started with the bundles the product starts */
    static BundleContext context() {
        Bundle self = FrameworkUtil.getBundle(TidemarkCommand.class);
        for (Bundle b : self.getBundleContext() == null ? new Bundle[] { self } : self.getBundleContext().getBundles()) {
            if (STARTED.contains(b.getSymbolicName()) && b.getState() != Bundle.ACTIVE) {
                try {
                    b.start();
                } catch (Exception e) {
                    throw new IllegalStateException("cannot start " + b, e);
                }
            }
        }
        if (self.getState() != Bundle.ACTIVE) {
            try {
                self.start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start " + self, e);
            }
            return context();
        }
        return self.getBundleContext();
    }

    /** Writes the configuration file. */
    Path writeConfig(String text) throws IOException {
        Files.createDirectories(config);
        Path f = config.resolve("config");
        Files.writeString(f, text);
        return f;
    }

    /**
     * Asserts that a secret appears in no output of any command run so far and in no file under the data and
     * configuration folders (the H2 database, the config file and the secure storage files included).
     */
    void assertSecretNowhere(String secret) throws IOException {
        synchronized (history) {
            for (Result r : history) {
                assertFalse(r.out().contains(secret), () -> "secret on stdout of " + r.args());
                assertFalse(r.err().contains(secret), () -> "secret on stderr of " + r.args());
            }
        }
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        for (Path root : List.of(data, config)) {
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertFalse(indexOf(Files.readAllBytes(f), needle) >= 0, () -> "secret in " + f);
                }
            }
        }
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer: for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
