package org.sealbox.crypto;

import java.nio.file.Files;
import java.nio.file.Path;

import com.goterl.lazysodium.SodiumJava;

/**
 * Run in a child JVM by {@link NativeDirectoryTest}: loads the bundled libsodium through
 * {@link Sodium#loadBundled(Path)} into the directory given as the first argument, calls it, and
 * prints the path of the mapped libsodium file from /proc/self/maps.
 */
public final class BundledLibraryMain {

    private BundledLibraryMain() {
    }

    public static void main(String[] args) throws Exception {
        SodiumJava binding = Sodium.loadBundled(Path.of(args[0]));
        if (binding.sodium_init() < 0) {
            throw new IllegalStateException("sodium_init failed");
        }
        byte[] random = new byte[32];
        binding.randombytes_buf(random, random.length);
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            if (line.contains("libsodium")) {
                System.out.println("mapped " + line.substring(line.indexOf('/')));
                break;
            }
        }
        System.out.println("random bytes: " + random.length);
    }
}
