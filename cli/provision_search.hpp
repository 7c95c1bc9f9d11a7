// Search by provision: every expression searched unless a language is given, the hits of one
// provision in several languages merged into one (listing the languages that matched and those
// that hold the provision without matching), filters on the instrument's parties, date of
// signature and type, and relevance as a positive number (higher is better).
#pragma once

#include <string>
#include <vector>

#include "kb/store.hpp"

namespace treatykb::cli {

struct SearchRequest {
    std::string query;
    std::string instrument; // alias; empty: every instrument that passes the filters
    std::string language;   // empty: every expression, merged by provision
    int limit = 10;
    std::vector<std::string> parties; // ISO3: keep instruments with every one of these parties
    int signed_after = 0;             // keep instruments signed on or after 1 January of this year
    int signed_before = 0;            // keep instruments signed before 1 January of this year
    std::string type;                 // keep instruments of this type ("treaty", "agreement", ...)
};

struct ProvisionHit {
    std::string instrument;
    std::string eid;
    std::string citation;
    std::string heading;              // of the best-matching expression
    std::string snippet;              // of the best-matching expression, matches in [brackets]
    std::vector<std::string> languages; // the expressions that matched, best first
    std::vector<std::string> also_in;   // other expressions holding the provision
    double relevance = 0;             // −bm25 of the best match: positive, higher is better
};

// Throws treatykb::Error for an unknown instrument or a query FTS5 cannot read.
std::vector<ProvisionHit> search_provisions(const Store& store, const SearchRequest& request);

} // namespace treatykb::cli
