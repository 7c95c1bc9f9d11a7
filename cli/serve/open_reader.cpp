#include "cli/serve/open_reader.hpp"

#include <filesystem>

#include "cli/common.hpp"
#include "cli/knowledge.hpp"
#include "kb/error.hpp"

namespace treatykb::cli::serve {

std::unique_ptr<Reader> open_reader(const Options& options, const std::vector<std::string>& rules,
                                    const KnowledgeChoice& choice) {
    std::string database = database_path(options);
    std::error_code error;
    if (!std::filesystem::is_regular_file(database, error))
        throw Error("no database at " + database + " (ingest one first: treatykb --db " + database +
                    " ingest --corpus)");
    std::optional<VerifiedKnowledge> knowledge;
    {
        Store store(database, StoreAccess::read_only);
        if (store.list().empty())
            throw Error("the database " + database + " holds no instrument", {},
                        "ingest some first: treatykb --db " + database + " ingest --corpus");
        knowledge = load_verified_knowledge(store, rules, {}, choice);
    }
    return std::make_unique<Reader>(database, std::move(knowledge), population_table_path(), data_folder());
}

} // namespace treatykb::cli::serve
