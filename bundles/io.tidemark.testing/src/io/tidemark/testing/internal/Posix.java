/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.testing.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/**
 * File ownership and the identity of the test process, through {@code java.nio} only (no
 * {@code com.sun.security} classes, which an OSGi bundle cannot import portably).
 */
public final class Posix {

    private static volatile int[] self;

    private Posix() {
    }

    /** @return whether this JVM runs as root */
    public static boolean isRoot() {
        return uid() == 0;
    }

    /** @return this process's effective uid, read from the owner of a file it creates */
    public static int uid() {
        return ids()[0];
    }

    /** @return this process's effective gid */
    public static int gid() {
        return ids()[1];
    }

    private static int[] ids() {
        int[] s = self;
        if (s == null) {
            try {
                Path probe = Files.createTempFile("tidemark-id", ".probe");
                try {
                    s = new int[] { (Integer) Files.getAttribute(probe, "unix:uid"),
                            (Integer) Files.getAttribute(probe, "unix:gid") };
                } finally {
                    Files.deleteIfExists(probe);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot determine the uid of this process", e);
            }
            self = s;
        }
        return s;
    }

    /** @return the login name of this process's user */
    public static String userName() {
        return System.getProperty("user.name");
    }

    /**
     * @param name a user name from {@code /etc/passwd}
     * @return its uid and gid, or null if there is no such user
     */
    public static int[] lookupUser(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = line.split(":", -1);
                if (f.length >= 4 && f[0].equals(name)) {
                    return new int[] { Integer.parseInt(f[2]), Integer.parseInt(f[3]) };
                }
            }
            return null;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    /**
     * @param gid a group id
     * @return its name from {@code /etc/group}, or the number as text if it has none
     */
    public static String groupName(int gid) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/group"))) {
                String[] f = line.split(":", -1);
                if (f.length >= 3 && f[2].equals(Integer.toString(gid))) {
                    return f[0];
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return Integer.toString(gid);
    }

    /**
     * Changes owner and group of one file (needs root unless they are this process's own).
     *
     * @param path the file
     * @param uid the new owner
     * @param gid the new group
     */
    public static void chown(Path path, int uid, int gid) {
        try {
            Files.setAttribute(path, "unix:uid", uid);
            Files.setAttribute(path, "unix:gid", gid);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot chown " + path + " to " + uid + ":" + gid, e);
        }
    }

    /**
     * @param path a file or folder
     * @param mode permissions such as {@code rwxr-xr-x}
     */
    public static void chmod(Path path, String mode) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot chmod " + path, e);
        }
    }

    /**
     * Creates a fresh folder in the system temp folder that other users may traverse ({@code 0755}),
     * because servers started from it run their workers under their own uids.
     *
     * @param prefix the name prefix
     * @return the new folder
     */
    public static Path createTraversableTempDir(String prefix) {
        return createTraversableTempDir(null, prefix);
    }

    /**
     * As {@link #createTraversableTempDir(String)}, in a given folder.
     *
     * @param parent the folder to create it in, or null for the system temp folder
     * @param prefix the name prefix
     * @return the new folder
     */
    public static Path createTraversableTempDir(Path parent, String prefix) {
        try {
            Path dir = parent == null ? Files.createTempDirectory(prefix) : Files.createTempDirectory(parent, prefix);
            chmod(dir, "rwxr-xr-x");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temp folder " + prefix + "*", e);
        }
    }

    /**
     * @return {@code /dev/shm} when it is a writable folder (a RAM disk on Linux), else null for the system
     *         temp folder
     */
    public static Path ramDiskOrNull() {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : null;
    }

    /**
     * Deletes a folder tree, tolerating files that vanish meanwhile. As a last resort (files of another
     * uid in a folder we may not write) it runs {@code rm -rf}.
     *
     * @param root the folder; nothing happens if it does not exist
     */
    public static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    if (exc instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw exc;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            Processes.run(List.of("rm", "-rf", root.toString()), Duration.ofSeconds(60)).orThrow();
        }
    }
}
