#include "cli/provision_search.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>

#include "cli/common.hpp"

namespace treatykb::cli {

namespace {

int year_of(const std::string& date) {
    return date.size() >= 4 ? std::atoi(date.substr(0, 4).c_str()) : 0;
}

bool passes(const InstrumentSummary& instrument, const SearchRequest& request) {
    for (const std::string& party : request.parties)
        if ((" " + instrument.parties + " ").find(" " + party + " ") == std::string::npos)
            return false;
    int year = year_of(instrument.date_signed);
    if (request.signed_after && (year == 0 || year < request.signed_after)) return false;
    if (request.signed_before && (year == 0 || year >= request.signed_before)) return false;
    if (!request.type.empty() && instrument.type != request.type) return false;
    return true;
}

bool filtered(const SearchRequest& request) {
    return !request.parties.empty() || request.signed_after || request.signed_before ||
           !request.type.empty();
}

} // namespace

std::vector<ProvisionHit> search_provisions(const Store& store, const SearchRequest& request) {
    ReadSnapshot snapshot(store); // the searches and the look-ups after them: one state
    const int limit = request.limit > 0 ? request.limit : 10;
    SearchOptions options;
    options.language = request.language;
    options.limit = limit;
    options.merge_languages = request.language.empty();
    std::vector<SearchHit> hits;
    if (!filtered(request)) {
        options.instrument = request.instrument.empty() ? "" : require_instrument(store, request.instrument);
        hits = store.search(request.query, options);
    } else {
        // One ranked search per instrument that passes the filters (each a range of rowids, so
        // the corpus outside it costs nothing), then the best of all.
        std::string only = request.instrument.empty() ? "" : require_instrument(store, request.instrument);
        for (const InstrumentSummary& instrument : store.list()) {
            if ((!only.empty() && instrument.alias != only) || !passes(instrument, request)) continue;
            options.instrument = instrument.alias;
            for (SearchHit& hit : store.search(request.query, options)) hits.push_back(std::move(hit));
        }
        std::stable_sort(hits.begin(), hits.end(),
                         [](const SearchHit& a, const SearchHit& b) { return a.score < b.score; });
    }
    // With a filter, hits of several instruments' searches: the best `limit` of them.
    if (hits.size() > static_cast<std::size_t>(limit))
        hits.resize(static_cast<std::size_t>(limit));
    std::vector<ProvisionHit> merged;
    for (const SearchHit& hit : hits)
        merged.push_back({hit.instrument, hit.eid, hit.citation, hit.heading, hit.snippet,
                          hit.languages, {}, -hit.score});
    std::map<std::string, std::vector<std::string>> languages_of;
    for (ProvisionHit& hit : merged) {
        auto languages = languages_of.find(hit.instrument);
        if (languages == languages_of.end())
            languages = languages_of.emplace(hit.instrument, store.languages(hit.instrument)).first;
        for (const std::string& language : languages->second)
            if (std::find(hit.languages.begin(), hit.languages.end(), language) == hit.languages.end() &&
                store.has_provision(hit.instrument, hit.eid, language))
                hit.also_in.push_back(language);
    }
    return merged;
}

} // namespace treatykb::cli
