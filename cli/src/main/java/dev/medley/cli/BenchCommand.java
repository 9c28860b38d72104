package dev.medley.cli;

import picocli.CommandLine.Command;

@Command(
        name = "bench",
        description = "Measures Medley against a baseline in the same run and prints both and their ratio.",
        subcommands = {BenchProbeCommand.class, BenchStartupCommand.class, BenchScanCommand.class, BenchTranscribeCommand.class, BenchOrganizeCommand.class, BenchLlmCommand.class, BenchServeCommand.class, BenchClusterCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  medley bench probe                 1,000 generated files: in-process vs ffprobe per file",
            "  medley bench probe ~/Music -w 4    your own files, 4 at a time",
            "  medley bench startup               whole processes: an empty probe, 1,000 files vs ffprobe per file",
            "  MEDLEY_JAVA_OPTS=-Xmx256m medley bench scan --files 100000",
            "  medley bench llm                   500 names: one per request vs ten per request, simulated model"
        })
final class BenchCommand {}
