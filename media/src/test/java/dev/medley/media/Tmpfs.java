package dev.medley.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A tmpfs of a given size mounted on a test's folder, for tests that need a disk of their own (a
 * small one that fills up, or another device). Only where the test may mount (root, or a
 * container that allows it); {@link #mount} says empty otherwise, for the test to skip.
 */
public final class Tmpfs implements AutoCloseable {
    private final Path mountPoint;

    private Tmpfs(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Mounts a tmpfs of {@code size} (as mount takes it: 64k, 20m, 1g) on {@code folder}, created if need be. */
    public static Optional<Tmpfs> mount(Path folder, String size) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        Process mount;
        try {
            mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "medley-test", folder.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException noMountCommand) {
            return Optional.empty();
        }
        boolean mounted = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
        return mounted ? Optional.of(new Tmpfs(folder)) : Optional.empty();
    }

    /** Returns where it is mounted. */
    public Path path() {
        return mountPoint;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("umount", mountPoint.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
    }
}
