package io.orderplatform.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * The secrets of a local stack or a test run: made at random on first use and kept, readable by the owner only,
 * in a folder beside the data they protect, so a restart finds the same ones. Nothing here is ever committed:
 * every data folder is git-ignored, and a fresh clone makes its own.
 */
public final class LocalSecrets {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final Path dir;

    public LocalSecrets(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    /** The password kept under this name, made on first use ({@link #randomPassword()}). */
    public synchronized String password(String name) {
        Path file = file(name);
        try {
            if (!Files.exists(file)) {
                writeOwnerOnly(file, randomPassword());
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or make the secret " + file, e);
        }
    }

    /**
     * 32 letters and digits (about 190 bits): nothing to quote or escape in SQL, JAAS, kafka-storage's --add-scram
     * syntax or an env file.
     */
    public static String randomPassword() {
        StringBuilder password = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
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
