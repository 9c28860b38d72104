package dev.medley.organize;

import dev.medley.catalog.Catalog;
import dev.medley.catalog.Journal;
import dev.medley.catalog.PathKey;
import dev.medley.catalog.PlanInfo;
import dev.medley.catalog.PlanItem;
import dev.medley.catalog.Plans;
import dev.medley.core.RawPaths;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Carries out an organise plan, every operation journaled (see {@link Journal}).
 *
 * <p>Operations are grouped by the device their target lies on and the devices worked in
 * parallel, one worker each, in plan order within a device. Before anything is written, the bytes
 * each device must receive as copies are added up and checked against its free space; a device
 * without room gets no operation at all. Items an earlier apply of the same plan finished are
 * passed over, so applying again after an interruption finishes the job.
 */
public final class Applier {
    // Room kept free on a device beyond the bytes to copy (file-system metadata, other writers):
    // 1% of the device, at most 64 MB, so that a small disk is not refused every copy.
    private static final long MAX_SPACE_MARGIN = 64L << 20;
    private static final int QUEUED_PER_DEVICE = 256;

    /** What became of one plan item. */
    public enum Status { DONE, FAILED, SKIPPED }

    /**
     * The outcome of one item.
     *
     * @param detail why it failed, or a note ("hard link impossible ...; copied instead"), or null
     */
    public record Result(PlanItem item, Status status, String detail) {}

    /** Counts of an apply run. */
    public record Summary(long runId, long done, long failed, long skipped, long alreadyDone) {
        /** Returns 0 when every operation succeeded, else 1. */
        public int exitCode() {
            return failed == 0 ? 0 : 1;
        }
    }

    private final Catalog catalog;
    private final int perDevice;

    public Applier(Catalog catalog) {
        this(catalog, 1);
    }

    /**
     * @param perDevice operations carried out at once on each device: 1 keeps plan order within a
     *     device, which suits spinning disks; more can help SSDs and network shares
     */
    public Applier(Catalog catalog, int perDevice) {
        if (perDevice < 1) {
            throw new IllegalArgumentException("operations per device must be at least 1: " + perDevice);
        }
        this.catalog = catalog;
        this.perDevice = perDevice;
    }

    /**
     * Applies plan {@code planRun} as run {@code applyRun}, passing each item's outcome to
     * {@code sink} (from several threads, one at a time).
     *
     * @throws IllegalArgumentException if there is no such plan
     */
    public Summary apply(long planRun, long applyRun, Consumer<Result> sink) {
        try (Plans plans = catalog.plans(); Journal journal = catalog.journal()) {
            PlanInfo plan = plans.find(planRun).orElseThrow(
                    () -> new IllegalArgumentException("there is no plan " + planRun + "; see `medley history`"));
            Run run = new Run(plan, applyRun, journal, sink);
            try {
                Files.createDirectories(run.library); // Planning creates nothing, so this may be its first use.
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot create the library folder " + run.library + ": "
                        + e.getMessage(), e);
            }
            Set<Long> done = journal.doneItems(planRun);
            Map<Object, Long> bytesToCopy = new HashMap<>();
            Map<Object, Path> onDevice = new HashMap<>();
            plans.items(planRun, item -> {
                if (!item.skipped() && !done.contains(item.seq())) {
                    run.countCopy(item, bytesToCopy, onDevice);
                }
            });
            Map<Object, String> full = run.devicesWithoutRoom(bytesToCopy, onDevice);
            try (Workers workers = new Workers(perDevice)) {
                plans.items(planRun, item -> {
                    if (item.skipped()) {
                        run.report(new Result(item, Status.SKIPPED, item.reason()));
                    } else if (done.contains(item.seq())) {
                        run.alreadyDone.incrementAndGet();
                    } else {
                        Object device = run.targetDevice(item);
                        String noRoom = full.get(device);
                        if (noRoom != null) {
                            run.report(new Result(item, Status.FAILED, noRoom));
                        } else {
                            workers.submit(device, () -> run.report(run.carryOut(item)));
                        }
                    }
                });
            }
            return new Summary(applyRun, run.done.get(), run.failed.get(), run.skipped.get(), run.alreadyDone.get());
        }
    }

    /** The state of one apply run. */
    private static final class Run {
        final PlanInfo plan;
        final Path library;
        final Mode mode;
        final long runId;
        final Transfers transfers;
        final Consumer<Result> sink;
        final AtomicLong seq = new AtomicLong();
        final AtomicLong done = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong skipped = new AtomicLong();
        final AtomicLong alreadyDone = new AtomicLong();
        final Map<Path, Object> devices = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Path, Object> eldest) {
                return size() > 4096;
            }
        };

        Run(PlanInfo plan, long runId, Journal journal, Consumer<Result> sink) {
            this.plan = plan;
            this.library = PathKey.toPath(plan.library());
            this.mode = Mode.of(plan.mode());
            this.runId = runId;
            this.transfers = new Transfers(journal);
            this.sink = sink;
        }

        synchronized void report(Result result) {
            switch (result.status()) {
                case DONE -> done.incrementAndGet();
                case FAILED -> failed.incrementAndGet();
                case SKIPPED -> skipped.incrementAndGet();
            }
            sink.accept(result);
        }

        /** Returns the device of a folder (or its nearest existing ancestor), remembered per folder. */
        synchronized Object device(Path folder) {
            Path existing = FileOps.existingAncestor(folder);
            return devices.computeIfAbsent(existing, f -> {
                try {
                    return FileOps.device(f);
                } catch (IOException e) {
                    return f; // Unknown: a device of its own.
                }
            });
        }

        Object targetDevice(PlanItem item) {
            return device(PathKey.toPath(item.target()).getParent());
        }

        void countCopy(PlanItem item, Map<Object, Long> bytesToCopy, Map<Object, Path> onDevice) {
            Path source = PathKey.toPath(item.source());
            Object target = targetDevice(item);
            onDevice.putIfAbsent(target, PathKey.toPath(item.target()));
            boolean crossing = !target.equals(device(source.getParent()));
            boolean copies = switch (mode) {
                case COPY -> true;
                case MOVE -> crossing;
                case HARDLINK -> crossing && "copy".equals(plan.fallback());
                case REFLINK -> "copy".equals(plan.fallback());
                case SYMLINK -> false;
            };
            if (copies) {
                bytesToCopy.merge(target, item.size(), Long::sum);
            }
        }

        Map<Object, String> devicesWithoutRoom(Map<Object, Long> bytesToCopy, Map<Object, Path> onDevice) {
            Map<Object, String> full = new HashMap<>();
            bytesToCopy.forEach((device, bytes) -> {
                Path place = FileOps.existingAncestor(onDevice.get(device));
                try {
                    FileStore store = Files.getFileStore(place);
                    long usable = store.getUsableSpace();
                    long margin = spaceMargin(store.getTotalSpace());
                    if (bytes + margin > usable) {
                        full.put(device, "not enough free space: needs " + megabytes(bytes) + " + a " + megabytes(margin)
                                + " safety margin, " + megabytes(usable) + " free on " + RawPaths.display(place)
                                + "; nothing was copied."
                                + " Free some space, or organise with --mode hardlink or in parts");
                    }
                } catch (IOException e) {
                    full.put(device, "cannot tell the free space on the device of " + RawPaths.display(place) + ": "
                            + Transfers.describe(e, place));
                }
            });
            return full;
        }

        Result carryOut(PlanItem item) {
            Path source = PathKey.toPath(item.source());
            Path target = PathKey.toPath(item.target());
            try {
                String refusal = check(item, source, target);
                if (refusal != null) {
                    return new Result(item, Status.FAILED, refusal);
                }
                FileOps.createFolders(library, target.getParent());
                boolean sameDevice = device(source.getParent()).equals(device(target.getParent()));
                String note = switch (mode) {
                    case MOVE -> transfers.run(intent(item, "move", sameDevice ? null : target));
                    case COPY -> transfers.run(intent(item, "copy", target));
                    case SYMLINK -> transfers.run(intent(item, "symlink", null));
                    case HARDLINK -> sameDevice ? withFallback(item, "hardlink", target)
                            : fallBack(item, target, "hard links cannot cross devices");
                    case REFLINK -> withFallback(item, "reflink", target);
                };
                return new Result(item, Status.DONE, note);
            } catch (IOException | RuntimeException e) {
                return new Result(item, Status.FAILED, Transfers.describe(e, source, target));
            }
        }

        private String withFallback(PlanItem item, String action, Path target) throws IOException {
            try {
                return transfers.run(intent(item, action, action.equals("reflink") ? target : null));
            } catch (FileAlreadyExistsException e) {
                throw e;
            } catch (IOException | UnsupportedOperationException e) {
                return fallBack(item, target, action + " not possible here (" + Transfers.describe(e,
                        PathKey.toPath(item.source()), target) + ")");
            }
        }

        // Never silent: without --fallback copy it is an error; with it, the result says so.
        private String fallBack(PlanItem item, Path target, String why) throws IOException {
            if (!"copy".equals(plan.fallback())) {
                throw new IOException(why + "; nothing was done. Add --fallback copy to copy such files instead");
            }
            transfers.run(intent(item, "copy", target));
            return why + "; copied instead";
        }

        private Journal.Entry intent(PlanItem item, String action, Path tempBeside) throws IOException {
            Path source = PathKey.toPath(item.source());
            long number = seq.getAndIncrement();
            String temp = tempBeside == null ? null : PathKey.of(Transfers.temporary(tempBeside, runId, number));
            long mtime = Files.getLastModifiedTime(source, LinkOption.NOFOLLOW_LINKS).to(java.util.concurrent.TimeUnit.NANOSECONDS);
            return new Journal.Entry(runId, number, plan.runId(), item.seq(), action, item.source(), item.target(), temp,
                    item.size(), mtime, null, Journal.State.STARTED, null);
        }

        private String check(PlanItem item, Path source, Path target) throws IOException {
            if (!target.normalize().startsWith(library) || !target.normalize().equals(target)) {
                return "the target " + RawPaths.display(target) + " lies outside the library; not done";
            }
            if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                return "the file is gone from " + RawPaths.display(source) + " since the plan was made";
            }
            if (Files.isSymbolicLink(source) || !Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                return "the source is no longer a regular file";
            }
            if (Files.size(source) != item.size()) {
                return "the file changed since the plan was made (" + item.size() + " bytes then, " + Files.size(source)
                        + " now); plan again";
            }
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                return "the target exists now: " + RawPaths.display(target) + "; left as it is, plan again";
            }
            if (mode == Mode.MOVE && !Files.isWritable(source.getParent())) {
                return "cannot move out of " + RawPaths.display(source.getParent())
                        + ": the folder is not writable; use --mode copy";
            }
            return null;
        }
    }

    /** Returns the room kept free on a device of {@code totalBytes} beyond what is copied onto it. */
    static long spaceMargin(long totalBytes) {
        return Math.min(MAX_SPACE_MARGIN, totalBytes / 100);
    }

    /** Returns a byte count in megabytes, for people. */
    public static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    /** One worker per device; submissions wait when a device's queue is full, so memory stays bounded. */
    private static final class Workers implements AutoCloseable {
        private final Map<Object, ExecutorService> byDevice = new HashMap<>();
        private final Map<Object, Semaphore> queued = new HashMap<>();
        private final int perDevice;

        Workers(int perDevice) {
            this.perDevice = perDevice;
        }

        void submit(Object device, Runnable task) {
            ExecutorService executor = byDevice.computeIfAbsent(device,
                    d -> Executors.newFixedThreadPool(perDevice, Thread.ofVirtual().name("organize-", 0).factory()));
            Semaphore room = queued.computeIfAbsent(device, d -> new Semaphore(QUEUED_PER_DEVICE));
            room.acquireUninterruptibly();
            executor.execute(() -> {
                try {
                    task.run();
                } finally {
                    room.release();
                }
            });
        }

        @Override
        public void close() {
            byDevice.values().forEach(ExecutorService::close); // Waits for every queued operation.
        }
    }
}
