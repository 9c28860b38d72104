package dev.medley.cluster;

import dev.medley.core.RawPaths;
import dev.medley.media.ScannedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** What workers that take each file on its own share: reading it here, and a batch done file by file. */
public final class FileWork {
    private FileWork() {}

    /** A file this member cannot read: the reason, for {@link ItemOutcome#refused}. */
    public static final class Unreadable extends Exception {
        Unreadable(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /**
     * Returns the item as a scanned file: read at its path on this member, keyed as the submitter named
     * it, so that every member records a file under one key.
     *
     * @throws Unreadable if the file is not there, or is no regular file, on this member
     */
    public static ScannedFile scanned(Worker.Item item, String member) throws Unreadable {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(item.local(), BasicFileAttributes.class);
        } catch (IOException e) {
            throw new Unreadable(RawPaths.display(item.local()) + " cannot be read on member " + member + ": "
                    + e.getMessage(), e);
        }
        if (!attributes.isRegularFile()) {
            throw new Unreadable(RawPaths.display(item.local()) + " is no regular file on member " + member, null);
        }
        return new ScannedFile(item.local(), item.key(), attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS));
    }

    /**
     * Works on each item of a batch on {@code pool}, and completes, once all are done and
     * {@code afterAll} has run (committing what they recorded, say), with their outcomes in order.
     */
    public static CompletableFuture<List<ItemOutcome>> each(List<Worker.Item> items, Executor pool,
            Function<Worker.Item, ItemOutcome> work, Runnable afterAll) {
        List<CompletableFuture<ItemOutcome>> each = new ArrayList<>(items.size());
        for (Worker.Item item : items) {
            each.add(CompletableFuture.supplyAsync(() -> work.apply(item), pool));
        }
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApply(done -> {
            afterAll.run();
            return each.stream().map(CompletableFuture::join).toList();
        });
    }
}
