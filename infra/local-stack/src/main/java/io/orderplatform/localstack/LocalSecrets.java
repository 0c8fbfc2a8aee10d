package io.orderplatform.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The secrets of a local stack or a test run: made at random on first use and kept, readable by the owner only,
 * in a folder beside the data they protect, so a restart finds the same ones. Nothing here is ever committed:
 * every data folder is git-ignored, and a fresh clone makes its own.
 */
public final class LocalSecrets {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;

    public LocalSecrets(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    /** The password kept under this name, made (24 random bytes, URL-safe Base64: no quoting needed anywhere) on first use. */
    public synchronized String password(String name) {
        Path file = file(name);
        try {
            if (!Files.exists(file)) {
                byte[] bytes = new byte[24];
                RANDOM.nextBytes(bytes);
                writeOwnerOnly(file, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or make the secret " + file, e);
        }
    }

    /** Where the secret of this name is (or will be) kept. */
    public Path file(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a secret name: " + name);
        }
        return dir.resolve(name);
    }

    /** Writes a file only its owner may read (mode 0600 from the start, never world-readable for a moment). */
    public static void writeOwnerOnly(Path file, String content) throws IOException {
        if (!Files.isDirectory(file.getParent())) {
            Files.createDirectories(file.getParent(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        Files.writeString(file, content);
    }
}
