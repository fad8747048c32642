package org.sealbox.crypto;

import com.goterl.lazysodium.LazySodiumJava;
import com.goterl.lazysodium.SodiumJava;
import com.goterl.lazysodium.utils.LibraryLoader;
import com.sun.jna.Native;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Process-wide holder of the loaded libsodium binding, plus its random number generator.
 *
 * <p>Loading the native library is slow (on the order of 100 ms), so it happens once, on the first
 * call to {@link #get()}. If loading fails, the failure is remembered and every later call throws an
 * {@link IllegalStateException} with the same cause instead of retrying.
 *
 * <p>Native code is loaded in two steps. JNA first extracts its own native library
 * ({@code libjnidispatch.so}) into the directory named by the system property {@code jna.tmpdir}.
 * Then libsodium is taken from the system (e.g. Debian's {@code libsodium23}) if present, otherwise
 * the copy bundled in the lazysodium jar is extracted into the same {@code jna.tmpdir} directory and
 * loaded from there. Both files must therefore sit on a file system that allows executing code, so
 * {@link #useNativeDirectory(Path)} points {@code jna.tmpdir} into the data directory unless it is set.
 *
 * <p>Thread-safe.
 */
public final class Sodium {

    /** The system property JNA reads for the directory into which it extracts native libraries. */
    public static final String JNA_TMPDIR = "jna.tmpdir";

    private static final Object LOCK = new Object();

    private static volatile Sodium instance;
    private static volatile Throwable loadFailure;

    private final LazySodiumJava lazySodium;

    private Sodium(LazySodiumJava lazySodium) {
        this.lazySodium = lazySodium;
    }

    /**
     * Returns the shared instance, loading libsodium on the first call.
     *
     * @throws IllegalStateException if libsodium could not be loaded or initialized, with a message that
     *                               names the cause
     */
    public static Sodium get() {
        Sodium loaded = instance;
        if (loaded != null) {
            return loaded;
        }
        synchronized (LOCK) {
            if (instance == null && loadFailure == null) {
                try {
                    instance = new Sodium(load());
                } catch (RuntimeException | LinkageError e) {
                    loadFailure = e;
                }
            }
            if (loadFailure != null) {
                throw loadFailedException(loadFailure);
            }
            return instance;
        }
    }

    /**
     * Sets the system property {@code jna.tmpdir} to {@code <dataDir>/native} unless it is set
     * already, and creates that directory readable by the owner only (mode 0700). Call it before the
     * first {@link #get()}; afterwards the libraries are loaded and the property has no effect.
     *
     * @return the directory in effect
     * @throws IOException when the directory cannot be created, with a message naming it
     */
    public static Path useNativeDirectory(Path dataDir) throws IOException {
        String configured = System.getProperty(JNA_TMPDIR);
        Path directory = configured == null || configured.isBlank()
                ? dataDir.resolve("native").toAbsolutePath()
                : Path.of(configured);
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new IOException("Cannot create the directory for native libraries " + directory + " ("
                    + e.getClass().getSimpleName() + "). Create it or set -D" + JNA_TMPDIR + " to a writable"
                    + " directory on a file system that allows executing code.", e);
        }
        if (configured == null || configured.isBlank()) {
            System.setProperty(JNA_TMPDIR, directory.toString());
        }
        return directory;
    }

    /** Returns the lazysodium-java binding. Use its byte[] ("Native") methods. */
    public LazySodiumJava lazySodium() {
        return lazySodium;
    }

    /**
     * Returns {@code n} bytes from libsodium's {@code randombytes_buf}, the operating system's
     * cryptographically secure generator.
     *
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public byte[] randomBytes(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("Random byte count must not be negative, got " + n);
        }
        byte[] out = new byte[n];
        if (n > 0) {
            lazySodium.getSodium().randombytes_buf(out, n);
        }
        return out;
    }

    /**
     * Returns a uniformly distributed random int from 0 (inclusive) to {@code upperBound}
     * (exclusive), using libsodium's {@code randombytes_uniform}, which avoids modulo bias.
     *
     * @throws IllegalArgumentException if {@code upperBound} is less than 1
     */
    public int randomUniform(int upperBound) {
        if (upperBound < 1) {
            throw new IllegalArgumentException("Upper bound must be at least 1, got " + upperBound);
        }
        // randombytes_uniform returns a uint32_t, so keep only the low 32 bits of the mapped long.
        long value = lazySodium.getSodium().randombytes_uniform(upperBound) & 0xFFFF_FFFFL;
        return (int) value;
    }

    /**
     * Builds the exception thrown when loading failed. Its message is one line (start-up prints it
     * as is) and names the cause.
     */
    static IllegalStateException loadFailedException(Throwable cause) {
        String detail = cause.getClass().getName() + ": " + oneLine(cause.getMessage());
        if (cause instanceof JnaLoadException) {
            return new IllegalStateException("JNA's native library could not be loaded from " + JNA_TMPDIR + "="
                    + System.getProperty(JNA_TMPDIR, "(not set)") + ": " + oneLine(cause.getCause().toString())
                    + ". Set -D" + JNA_TMPDIR + " to a writable directory on a file system that allows executing"
                    + " code (not mounted noexec).", cause);
        }
        return new IllegalStateException(
                "libsodium could not be loaded: " + detail
                        + ". Install libsodium (Debian package libsodium23), or let Sodium extract its bundled copy"
                        + " by setting -D" + JNA_TMPDIR + " to a writable directory on a file system that allows"
                        + " executing code.",
                cause);
    }

    /** JNA's own native library failed to load, so no libsodium can be bound either. */
    static final class JnaLoadException extends RuntimeException {
        JnaLoadException(Throwable cause) {
            super("JNA could not load its native library", cause);
        }
    }

    private static String oneLine(String text) {
        return text == null ? "(no message)" : text.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }

    private static LazySodiumJava load() {
        try {
            // Initialising JNA's Native class loads libjnidispatch.so, which JNA 5.17 extracts into jna.tmpdir.
            int pointerSize = Native.POINTER_SIZE;
            if (pointerSize <= 0) {
                throw new IllegalStateException("JNA reports a pointer size of " + pointerSize);
            }
        } catch (LinkageError e) {
            throw new JnaLoadException(e);
        }
        LazySodiumJava sodium = new LazySodiumJava(loadBinding(), StandardCharsets.UTF_8);
        // sodium_init returns 0 on first initialization, 1 if already initialized, -1 on failure.
        int status = sodium.getSodium().sodium_init();
        if (status < 0) {
            throw new IllegalStateException("sodium_init() returned " + status);
        }
        return sodium;
    }

    /**
     * Binds libsodium: the system library if one is installed, else the bundled copy. Lazysodium's
     * own bundled loader (resource-loader 2.1.0) extracts into a new directory under
     * {@code java.io.tmpdir}, which the JDK fixes at JVM start and which services often mount noexec,
     * so when {@code jna.tmpdir} is set the bundled copy is extracted there instead.
     */
    private static SodiumJava loadBinding() {
        try {
            return new SodiumJava(LibraryLoader.Mode.SYSTEM_ONLY);
        } catch (RuntimeException | LinkageError systemFailure) {
            String directory = System.getProperty(JNA_TMPDIR);
            try {
                if (directory == null || directory.isBlank()) {
                    return new SodiumJava(LibraryLoader.Mode.BUNDLED_ONLY);
                }
                return loadBundled(Path.of(directory));
            } catch (RuntimeException | LinkageError bundledFailure) {
                bundledFailure.addSuppressed(systemFailure);
                throw bundledFailure;
            }
        }
    }

    /**
     * Extracts the libsodium bundled in the lazysodium jar into {@code directory} (mode 0700) and
     * binds it. The file is deleted once loaded: the process keeps its mapping, and nothing stale is
     * left for the next start.
     */
    static SodiumJava loadBundled(Path directory) {
        String resource = LibraryLoader.getSodiumPathInResources();
        Path file;
        try (InputStream in = SodiumJava.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new UnsatisfiedLinkError("lazysodium-java bundles no libsodium for this platform (" + resource + ")");
            }
            file = Files.createTempFile(directory, "libsodium-", ".so",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("cannot extract the bundled libsodium into " + directory + ": " + e, e);
        }
        try {
            return new SodiumJava(file.toAbsolutePath().toString());
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // The copy is only left behind. The next start extracts a new one under another name.
            }
        }
    }
}
