// treatykb/kb/store.hpp — the SQLite knowledge base of treaty texts, with full-text search.
//
// Schema (docs/ARCHITECTURE.md, "Corpus and schema"): instruments (works) -> expressions (one per
// language) -> provisions (eId, parent eId, kind, number, heading, own text, document order,
// source line) and amendments; aliases maps extra names (pta_440) to instruments;
// provisions_fts is an external-content FTS5 index over heading and text, tokenized by the
// "treatykb" tokenizer (Snowball stemming for Russian and English, confusable normalisation).
// WAL mode. Each ingest() is one transaction: an expression that is ingested again replaces the
// stored one atomically, and a failure leaves the database exactly as it was.
//
// Readers never need the write lock: a Store opened with StoreAccess::read_only opens the file
// read-only and writes nothing (no schema, no journal-mode change), so searches, shows and
// analyses run while an ingest writes (WAL: they see the last committed state). A writer that
// finds another ingest holding the database waits up to its busy timeout, then throws an Error
// saying so.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kb/model.hpp"

namespace treatykb {

struct ExpressionSummary {
    std::string language;
    bool authentic = false;
    std::string uri;
    std::string date;
    std::string source;
    int provisions = 0;
    int articles = 0;
    int amendments = 0;
};

struct InstrumentSummary {
    std::string alias;
    std::string title;
    std::string short_title;
    std::string work_uri;
    std::string date_signed;
    std::string date_in_force;
    std::string parties;
    std::string type; // "treaty", "agreement", or the ToTA type
    std::vector<std::string> other_aliases;
    std::vector<ExpressionSummary> expressions;
};

struct SearchOptions {
    std::string instrument; // alias; empty searches everything
    std::string language;   // "ru", "en"; empty searches every expression
    int limit = 10;
    // One hit per provision: the matches of one eId in several expressions of an instrument are
    // one hit (the best-ranked expression's snippet), listing every language that matched.
    bool merge_languages = false;
};

struct SearchHit {
    std::string instrument; // canonical alias
    std::string eid;
    std::string language;
    std::string citation; // "EAEU Treaty, Art. 47"
    std::string heading;
    std::string snippet; // matched words in [brackets]
    double score = 0;    // bm25: lower is better
    std::vector<std::string> languages; // with merge_languages: every language that matched
};

struct IngestOptions {
    // Find and resolve the cross-references of every expression (kb/reference_resolver) and
    // store them in the `reference` table. Off only to measure what resolution costs.
    bool references = true;
    // An instrument whose alias already names another work (a different work URI: "eaeu.txt"
    // against the catalogue's eaeu), or an extra name of another instrument ("pta_440"), is an
    // Error unless `replace` is set; then the other work is deleted, or loses that name.
    bool replace = false;
};

// One row of the `reference` table (see kb/reference_resolver.hpp for the fields).
struct StoredReference {
    std::string from_eid;
    std::string to_eid; // empty unless status is "resolved"
    std::string text;
    std::string kind;
    std::string status; // resolved, external, unresolved
    std::string reason;
    std::string manner;
    std::size_t offset = 0; // byte offset of `text` in the from provision's own text
};

struct IngestSummary {
    int instruments = 0;
    int expressions = 0;
    int provisions = 0;
};

enum class StoreAccess {
    read_write, // creates the file and schema if needed; ingest() may be called
    read_only,  // never writes; a missing file reads as an empty database
};

class Store;

// One read transaction over every read of a Store while it lives: the reads see one committed
// state (a writer's commit in between is not half seen), and they share the transaction instead
// of each statement beginning and ending its own (docs/performance.md, "One read transaction per
// search"). Nested snapshots join the outer one; inside a write transaction it does nothing.
class ReadSnapshot {
  public:
    explicit ReadSnapshot(const Store& store);
    ~ReadSnapshot();
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;

  private:
    const Store& store_;
    bool began_ = false;
};

class Store {
  public:
    // Opens the database; throws treatykb::Error when it cannot. `busy_timeout_ms`: how long a
    // writer waits for another ingest to finish (and a reader for a WAL recovery).
    explicit Store(const std::string& path, StoreAccess access = StoreAccess::read_write,
                   int busy_timeout_ms = 5000);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // Writes the instruments in one transaction (replacing expressions already stored). Throws
    // Error when the Store is read-only, or when another ingest still holds the database after
    // the busy timeout.
    IngestSummary ingest(const std::vector<Instrument>& instruments,
                         const IngestOptions& options = {});

    // One transaction around `produce`, which calls the writer it is given once per instrument
    // (parsing the next file in between); if `produce` throws, nothing it wrote is kept.
    using InstrumentWriter = std::function<void(const Instrument&)>;
    IngestSummary ingest(const std::function<void(const InstrumentWriter&)>& produce,
                         const IngestOptions& options = {});

    // A counter every ingest increments in its own transaction: two reads that see the same
    // generation see the same texts (0 for a database no ingest of this version has written).
    // What lets a reader keep what it computed from the texts until they change.
    long long generation() const;

    std::vector<InstrumentSummary> list() const;
    // The works alone (alias, titles, URI, dates, type, parties), by alias: one query, no counts
    // and no expressions (what `list` adds), for callers that need every instrument's metadata.
    std::vector<Instrument> instruments() const;
    // For every instrument (by alias), the date of the newest version its stored texts represent:
    // the latest expression date ("2021-02-15" for the consolidated Russian EAEU Treaty beside the
    // English 2014 text), else the date of signature. What a measure read from the texts describes.
    std::map<std::string, std::string> text_dates() const;
    // The canonical alias for an alias or extra name ("pta_440" -> "eaeu").
    std::optional<std::string> resolve_alias(std::string_view instrument) const;
    // Canonical alias, or throws Error("unknown instrument", hint: treatykb list).
    std::string require_instrument(std::string_view instrument) const;

    bool has_expression(std::string_view instrument, std::string_view lang) const;
    std::optional<std::string> authentic_language(std::string_view instrument) const;
    std::vector<std::string> languages(std::string_view instrument) const;

    // All provisions of an expression in document order (empty if absent).
    std::vector<Provision> provisions(std::string_view instrument, std::string_view lang) const;
    // The same provisions with their eId, parent and text only (the other fields empty): what
    // verifying quotes reads, at about half the cost of provisions() over a large corpus.
    std::vector<Provision> provision_texts(std::string_view instrument, std::string_view lang) const;
    std::optional<Provision> provision(std::string_view instrument, std::string_view eid,
                                       std::string_view lang) const;
    // Whether the expression has the provision (an index lookup: no text is read).
    bool has_provision(std::string_view instrument, std::string_view eid, std::string_view lang) const;
    // The provision and its descendants, in document order (empty if absent).
    std::vector<Provision> subtree(std::string_view instrument, std::string_view eid,
                                   std::string_view lang) const;
    // Own and descendants' text in document order, joined by "\n"; nullopt if absent.
    std::optional<std::string> provision_text(std::string_view instrument, std::string_view eid,
                                              std::string_view lang) const;
    std::vector<AmendmentRecord> amendments(std::string_view instrument,
                                            std::string_view lang) const;
    // The records of the provision and its descendants (a web page's share), in the same order.
    std::vector<AmendmentRecord> amendments_in(std::string_view instrument, std::string_view eid,
                                               std::string_view lang) const;

    // Cross-references stored at ingest, in document order: those made in the provision and its
    // descendants, and those that resolve to the provision or one of its descendants.
    std::vector<StoredReference> references_from(std::string_view instrument, std::string_view eid,
                                                 std::string_view lang) const;
    std::vector<StoredReference> references_to(std::string_view instrument, std::string_view eid,
                                               std::string_view lang) const;
    // Every resolved reference of the expression (for the rule engine's refers_to facts).
    std::vector<StoredReference> resolved_references(std::string_view instrument,
                                                     std::string_view lang) const;

    // "EAEU Treaty, Art. 47(1)", "EAEU Treaty, Annex 7, point 50".
    std::string citation(std::string_view instrument, std::string_view eid) const;
    // "47", "99¹", "art_47__para_1", "Art. 47(1)", "Статья 47", "Annex 7, point 50" -> eId, if
    // the provision exists in the expression.
    std::optional<std::string> resolve_reference(std::string_view instrument,
                                                 std::string_view reference,
                                                 std::string_view lang) const;

    // bm25-ranked hits; throws Error for a malformed query (see search_query.hpp).
    std::vector<SearchHit> search(std::string_view query, const SearchOptions& options) const;

    // The instrument with the one expression in `lang` (for AKN export and round trips).
    Instrument export_instrument(std::string_view instrument, std::string_view lang) const;

    struct Impl;

  private:
    friend class ReadSnapshot;
    void truncate_wal();  // after an ingest's commit: empty the write-ahead log (store.cpp)
    std::vector<StoredReference> references_in_subtree(std::string_view instrument,
                                                       std::string_view eid, std::string_view lang,
                                                       std::string_view end) const;
    std::unique_ptr<Impl> impl_;
};


} // namespace treatykb
