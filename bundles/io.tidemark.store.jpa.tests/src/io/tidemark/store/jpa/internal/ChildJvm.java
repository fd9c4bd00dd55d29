/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.jpa.internal;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.FileLocator;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * A second JVM running a main class of this test bundle on a plain class path built from the test runtime's
 * bundles: the store outside OSGi, in another process, as another program holding the database would be.
 * Its standard output arrives line by line in {@link #nextLine}.
 */
final class ChildJvm implements AutoCloseable {

    /** The bundles the store needs outside OSGi. */
    private static final List<String> BUNDLES = List.of("io.tidemark.store.jpa", "io.tidemark.store.jpa.tests",
            "io.tidemark.store.api", "io.tidemark.model", "org.eclipse.equinox.common", "org.eclipse.osgi",
            "jakarta.persistence-api", "org.eclipse.persistence.core", "org.eclipse.persistence.jpa",
            "org.eclipse.persistence.jpa.jpql", "org.objectweb.asm", "com.h2database", "org.postgresql.jdbc");

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;

    private ChildJvm(Process process) {
        this.process = process;
        this.reader = new Thread(() -> pump(process.getInputStream()), "child-jvm-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code main} with {@code args}; its standard error goes to {@code log}. */
    static ChildJvm start(Class<?> main, Path log, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", classPath(), main.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return new ChildJvm(pb.start());
    }

    private void pump(InputStream in) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the process died: that is what some tests want
        } finally {
            lines.add("<EOF>");
        }
    }

    /** @return the next line the child wrote, {@code <EOF>} once it closed its output, null on timeout */
    String nextLine(long timeoutMillis) throws InterruptedException {
        return lines.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** @return every line written until the output closed (after the process died) */
    List<String> drain() throws InterruptedException {
        reader.join(10_000);
        List<String> out = new ArrayList<>();
        lines.drainTo(out);
        out.remove("<EOF>");
        return out;
    }

    Process process() {
        return process;
    }

    /** Kills the child with SIGKILL (what {@link Process#destroyForcibly()} sends on Linux) and waits for it. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    /** @return the class path of {@link #BUNDLES} as they are installed in the running test framework */
    static String classPath() throws IOException {
        BundleContext ctx = FrameworkUtil.getBundle(ChildJvm.class).getBundleContext();
        Set<String> entries = new LinkedHashSet<>();
        for (String bsn : BUNDLES) {
            Bundle found = null;
            for (Bundle b : ctx.getBundles()) {
                if (bsn.equals(b.getSymbolicName())) {
                    found = b;
                }
            }
            if (found == null) {
                throw new IllegalStateException("Bundle " + bsn + " is not in the test runtime");
            }
            File file = FileLocator.getBundleFileLocation(found).orElseThrow(
                    () -> new IllegalStateException("No file for bundle " + bsn));
            if (file.isDirectory()) {
                // a workspace bundle: its classes are where the dev class path says (Tycho: target/classes)
                for (String dir : devClassPath(ctx, bsn)) {
                    Path p = Path.of(dir).isAbsolute() ? Path.of(dir) : file.toPath().resolve(dir);
                    if (Files.isDirectory(p)) {
                        entries.add(p.toString());
                    }
                }
            } else {
                entries.add(file.getPath());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static List<String> devClassPath(BundleContext ctx, String bsn) throws IOException {
        String dev = ctx.getProperty("osgi.dev");
        List<String> out = new ArrayList<>();
        if (dev != null && dev.startsWith("file:")) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(Path.of(URI.create(dev)))) {
                p.load(in);
            }
            String v = p.getProperty(bsn, p.getProperty("*", ""));
            for (String s : v.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        } else if (dev != null && !dev.isBlank()) {
            for (String s : dev.split(",")) {
                out.add(s.trim());
            }
        }
        out.add("target/classes");
        out.add("bin");
        return out;
    }
}
