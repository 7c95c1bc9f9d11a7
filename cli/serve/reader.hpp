// treatykb/cli/serve/reader.hpp — what the web reader shows, as JSON: the instruments, a table of
// contents, a provision in every language aligned by eId with its amendments, annotations and
// findings, search hits, the analysis report with its proof trees, power and comparison.
//
// `treatykb serve` answers /api/... with these documents and renders its pages from the very same
// documents (pages.hpp); `treatykb site` writes both to files. The reader only reads: it opens the
// database with StoreAccess::read_only, one connection per concurrent request (StorePool), and
// evaluates the verified knowledge once, at start. Bad requests raise NotFound or BadRequest,
// which the server turns into 404 and 400 pages.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "cli/knowledge.hpp"
#include "engine/analysis/analysis.hpp"
#include "engine/datalog/model.hpp"
#include "kb/store.hpp"

namespace treatykb::cli::serve {

using Json = nlohmann::ordered_json;

struct NotFound : std::runtime_error {
    using std::runtime_error::runtime_error;
};
struct BadRequest : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Read-only connections, one per request in flight: a Store caches prepared statements and must
// not be used by two threads at once.
class StorePool {
  public:
    explicit StorePool(std::string path);
    class Lease {
      public:
        Lease(StorePool& pool, std::unique_ptr<Store> store);
        ~Lease();
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        Store& operator*() { return *store_; }
        Store* operator->() { return store_.get(); }

      private:
        StorePool& pool_;
        std::unique_ptr<Store> store_;
        // Every read of one request sees one committed state (a re-ingest that commits midway
        // is not half seen) and shares one read transaction; ended before the store goes back.
        std::unique_ptr<ReadSnapshot> snapshot_;
    };
    Lease acquire();

  private:
    std::string path_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<Store>> idle_;
};

struct InstrumentFilter {
    std::string party; // ISO 3166-1 alpha-3, e.g. RUS
    std::string year;  // of signature, e.g. 2014
    std::string type;  // treaty, agreement, ...
};

// Limits on what a request may ask for (docs/serve.md, "Safety").
constexpr std::size_t max_query_length = 256;   // bytes of a search query
constexpr int max_search_hits = 50;
constexpr std::size_t max_references = 500;  // rows of a provision's references, and of its cited-by

class Reader {
  public:
    // `knowledge` is the verified knowledge base (nullopt when it was rejected: the text pages
    // work, the report, power and comparison pages answer that the knowledge is unavailable).
    Reader(std::string database, std::optional<VerifiedKnowledge> knowledge,
           std::string population_table, std::string seat_table_folder = {});
    ~Reader();

    Json instruments(const InstrumentFilter& filter);
    Json toc(std::string_view instrument);
    Json provision(std::string_view instrument, std::string_view eid);
    Json search(std::string_view query, std::string_view language, std::string_view instrument,
                int limit);
    // Computed once per instrument and kept (the reference stays valid for the reader's life).
    const Json& report(std::string_view instrument);
    Json power(std::string_view instrument);
    Json compare(const std::vector<std::string>& instruments);
    // The instruments with findings or decision rules in the knowledge base (report and power
    // pages are listed for these).
    std::vector<std::string> analysed_instruments();
    // Every provision of every expression (of `only`, when not empty) for client-side search.
    Json search_index(const std::vector<std::string>& only);
    // The database's generation (Store::generation), read in a read transaction of its own.
    long long generation();

    StorePool& stores() { return stores_; }

  private:
    std::string canonical(Store& store, std::string_view instrument);
    // The instrument's summary (title, languages, counts), read once: `Store::list()` counts
    // every expression's provisions, too slow to repeat on each page.
    Json instrument_info(Store& store, const std::string& alias);
    const engine::Analysis& analysis(const std::string& alias); // under mutex_
    Json finding_summaries(const std::string& alias, const std::string& provision);

    StorePool stores_;
    std::optional<KnowledgeSummary> summary_;
    std::optional<engine::Model> model_;
    std::string population_table_;
    std::string seat_table_folder_;
    // Annotations by provision (alias#eId) with their quotes, from the verified knowledge.
    std::map<std::string, Json> annotations_;
    std::mutex instruments_mutex_;
    std::map<std::string, Json> instruments_;
    std::mutex mutex_; // the model and the caches below (a Model is not thread-safe)
    std::map<std::string, engine::Analysis> analyses_;
    std::map<std::string, Json> reports_;
    // Per instrument, what a provision page needs of each finding of the report, read once from
    // it (finding_summaries ran through the report's JSON on every provision page).
    struct FindingKey {
        Json summary; // id, title, severity, instrument
        std::vector<std::string> primary, secondary, quoted;
    };
    std::map<std::string, std::vector<FindingKey>> finding_keys_;
    std::map<std::string, Json> comparisons_;
};

} // namespace treatykb::cli::serve
