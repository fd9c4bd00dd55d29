/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.secrets.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;

/**
 * The master password file of the secret store: 32 random bytes, Base64, readable and writable by its owner
 * only. Created atomically (a temporary file with mode 0600 moved into place), so that two processes starting
 * at once agree on one key and no reader ever sees a partly written one.
 */
final class KeyFile {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyFile() {
    }

    /** @return the key, creating the file (and its folder, mode 0700) first if it is missing */
    static char[] readOrCreate(Path file) throws IOException {
        char[] existing = readIfPresent(file);
        if (existing != null) {
            return existing;
        }
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
        }
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        byte[] text = Base64.getEncoder().encode(raw);
        Arrays.fill(raw, (byte) 0);
        Path tmp = Files.createTempFile(dir, ".key", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            Files.write(tmp, text);
            try {
                // no REPLACE_EXISTING: if another process created the key meanwhile, its key wins
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                // lost the race; read theirs below
            }
        } finally {
            Arrays.fill(text, (byte) 0);
            Files.deleteIfExists(tmp);
        }
        char[] key = readIfPresent(file);
        if (key == null) {
            throw new IOException("the key file " + file + " vanished while it was being created");
        }
        return key;
    }

    /** @return the key, or null if the file does not exist; tightens the file's mode to 0600 if it is wider */
    static char[] readIfPresent(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        restrict(file);
        byte[] bytes = Files.readAllBytes(file);
        try {
            CharBuffer cb = StandardCharsets.US_ASCII.decode(ByteBuffer.wrap(bytes));
            int end = cb.limit();
            while (end > 0 && Character.isWhitespace(cb.get(end - 1))) {
                end--;
            }
            char[] key = new char[end];
            cb.get(key, 0, end);
            Arrays.fill(cb.array(), '\0');
            if (key.length == 0) {
                throw new IOException("the key file " + file + " is empty");
            }
            return key;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Makes a file readable and writable by its owner only, where the file system has POSIX modes. */
    static void restrict(Path file) throws IOException {
        if (Files.exists(file) && Files.getFileStore(file).supportsFileAttributeView("posix")
                && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }
}
