// treatykb ingest PATH... | treatykb ingest --corpus [--tota DIR]
// Parses everything first, then writes it in one transaction: bad input leaves the database as
// it was.
#include <filesystem>
#include <iostream>

#include "cli/common.hpp"
#include "kb/corpus_catalog.hpp"
#include "kb/error.hpp"
#include "kb/ingest.hpp"

namespace treatykb::cli {

namespace {

struct IngestArguments {
    std::vector<std::string> paths;
    bool corpus = false;
    std::string tota;
    bool verbose = false;
    bool no_references = false;
    double wait_seconds = 5;
    bool replace = false;
};

void run_ingest(const IngestArguments& arguments, Options& options) {
    if (arguments.paths.empty() && !arguments.corpus)
        throw Error("nothing to ingest", {},
                    "give files or folders, or --corpus for the bundled treaties");
    std::string root = project_root();
    std::string texts = (std::filesystem::path(root) / "treaty_texts").string();
    Catalog catalog = load_catalog((std::filesystem::path(texts) / "corpus.xml").string());
    ProgressCallback progress;
    if (stderr_is_terminal()) {
        progress = [](std::size_t done, std::size_t total, const std::string& file) {
            std::cerr << "\r\033[K[" << done << "/" << total << "] "
                      << std::filesystem::path(file).filename().string() << std::flush;
            if (done == total)
                std::cerr << "\r\033[K" << std::flush;
        };
    }
    std::optional<std::string> tota;
    if (arguments.corpus) {
        if (!arguments.tota.empty()) {
            if (!std::filesystem::is_directory(arguments.tota))
                throw Error(
                    "no such ToTA folder", {arguments.tota, 0, 0},
                    "give the xml/ folder of a clone of https://github.com/mappingtreaties/tota");
            tota = arguments.tota;
        } else {
            tota = find_tota_dir();
        }
        if (!tota)
            std::cerr
                << "note: no ToTA folder found, so only the bundled Russian texts are ingested; "
                   "to add the English texts, clone https://github.com/mappingtreaties/tota and "
                   "set TREATYKB_TOTA to its xml/ folder\n";
    }
    // Each instrument is written as soon as it is parsed, inside one transaction: a file that
    // fails to parse rolls back everything before it.
    LoadResult loaded;
    std::vector<std::string> named;
    // Another ingest may hold the database: wait for it (readers are never in the way).
    Store store(database_path(options), StoreAccess::read_write,
                static_cast<int>(arguments.wait_seconds * 1000));
    IngestOptions ingest_options;
    ingest_options.references = !arguments.no_references;
    ingest_options.replace = arguments.replace;
    IngestSummary summary = store.ingest([&](const Store::InstrumentWriter& write) {
        InstrumentSink sink = [&](Instrument&& instrument) { write(instrument); };
        if (arguments.corpus)
            loaded = load_catalog_corpus(catalog, texts, tota, progress, sink);
        if (!arguments.paths.empty()) {
            // Say which alias each file was given: it is the name every other command takes.
            InstrumentSink named_sink = [&](Instrument&& instrument) {
                for (const Expression& expression : instrument.expressions)
                    named.push_back(expression.source + " -> " + instrument.alias + " (" +
                                    expression.language + ", \"" + instrument.title + "\")");
                write(instrument);
            };
            LoadResult more = load_paths(arguments.paths, catalog, progress, named_sink);
            for (auto& warning : more.warnings)
                loaded.warnings.push_back(std::move(warning));
            loaded.files += more.files;
        }
    }, ingest_options);
    std::cout << "ingested " << summary.instruments << " instrument(s), " << summary.expressions
              << " expression(s), " << summary.provisions << " provisions from " << loaded.files
              << " file(s) into " << database_path(options) << "\n";
    for (const std::string& line : named)
        std::cout << "  " << line << "\n";
    if (!loaded.warnings.empty()) {
        std::size_t shown = arguments.verbose ? loaded.warnings.size()
                                              : std::min<std::size_t>(3, loaded.warnings.size());
        for (std::size_t i = 0; i < shown; ++i) {
            const auto& warning = loaded.warnings[i];
            std::cerr << warning.file << ": warning: " << warning.message
                      << (warning.provision.empty() ? "" : " [" + warning.provision + "]") << "\n";
        }
        if (shown < loaded.warnings.size())
            std::cerr << loaded.warnings.size() - shown
                      << " more warning(s) about text kept unstructured; --verbose lists them\n";
    }
}

} // namespace

void register_ingest(CLI::App& app, Options& options) {
    auto arguments = std::make_shared<IngestArguments>();
    CLI::App* command = app.add_subcommand(
        "ingest", "Read treaty texts (ToTA XML, AKN XML, Markdown, plain text) into the database");
    command->add_option("paths", arguments->paths,
                        "Files or folders (a ToTA xml/ folder is read in place)");
    command->add_flag("--corpus", arguments->corpus,
                      "Ingest every instrument of treaty_texts/corpus.xml (ToTA ones when a ToTA "
                      "folder is found)");
    command->add_option(
        "--tota", arguments->tota,
        "The ToTA xml/ folder (default: $TREATYKB_TOTA, else ../shared/treaty_texts/tota)");
    command->add_flag("--verbose", arguments->verbose, "List every import warning");
    command->add_flag("--no-references", arguments->no_references,
                      "Do not resolve cross-references (for benchmarks: refs and cited-by then "
                      "find nothing)");
    command->add_flag("--replace", arguments->replace,
                      "Let a file replace an instrument of another work that has its name (e.g. "
                      "eaeu.txt replacing the catalogue's eaeu)");
    command->add_option("--wait", arguments->wait_seconds,
                        "Seconds to wait for another ingest that holds the database (default 5)")
        ->check(CLI::Range(0.0, 3600.0));
    command->callback([arguments, &options] { run_ingest(*arguments, options); });
}

} // namespace treatykb::cli
