// treatykb/kb/ingest.hpp — from files on disk to Instruments ready for the store.
//
// Recognises the format of each file (ToTA XML, Akoma Ntoso XML written by treatykb, Markdown
// layout, plain text), parses it, and uses the corpus catalogue to give it its alias and FRBR
// identity: pta_440.xml becomes the English expression of `eaeu`, eaeu_treaty_2014_ru.md (with
// its annex files) the Russian one. Files the catalogue does not know keep an alias from their
// name ("pta_112", "my_treaty"). Nothing is written here; the Store writes.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "kb/corpus_catalog.hpp"
#include "kb/model.hpp"

namespace treatykb {

struct LoadResult {
    std::vector<Instrument> instruments; // expressions of one alias merged into one Instrument
    std::vector<ImportWarning> warnings;
    std::size_t files = 0;
};

// Called after each file with (files done, files in total, file).
using ProgressCallback = std::function<void(std::size_t, std::size_t, const std::string&)>;

// Receives each instrument as soon as it is parsed (e.g. Store::ingest's writer), so a large
// corpus need not be held in memory. Without a sink, instruments collect in LoadResult.
using InstrumentSink = std::function<void(Instrument&&)>;

// Files and folders (folders: their *.xml, *.md, *.txt files, sorted). A bundled file brings the
// other files of its expression from the same folder (the treaty with its annexes). Throws
// treatykb::Error for a missing path, an unknown format, or a file that does not parse.
LoadResult load_paths(const std::vector<std::string>& paths, const Catalog& catalog,
                      const ProgressCallback& progress = {}, const InstrumentSink& sink = {});

// Every instrument of the catalogue: bundled expressions always, ToTA expressions when
// `tota_dir` is given (instruments with no expression left are skipped).
LoadResult load_catalog_corpus(const Catalog& catalog, const std::string& texts_dir,
                               const std::optional<std::string>& tota_dir,
                               const ProgressCallback& progress = {},
                               const InstrumentSink& sink = {});

// Reads a whole file; throws treatykb::Error when it is missing or unreadable.
std::string read_file(const std::string& path);

} // namespace treatykb
