// Search, citations and references: the read paths of the Store that interpret eIds.
#include <algorithm>
#include <array>
#include <map>

#include "kb/citation.hpp"
#include "kb/error.hpp"
#include "kb/search_query.hpp"
#include "kb/store.hpp"
#include "kb/detail/store_detail.hpp"

namespace treatykb {

using detail::Statement;

std::string Store::citation(std::string_view instrument, std::string_view eid) const {
    auto id = impl_->instrument_id(instrument);
    if (!id)
        return std::string(eid);
    // The eId's prefixes are the provisions it sits in (articles do not carry their section, so
    // the chain starts at the article or annex). Numbers are read from the authentic expression
    // when there is one: max() picks the row (SQLite gives the bare columns of an aggregate with
    // one max() the values of the row where the maximum is). An ORDER BY … LIMIT 1 here built a
    // temporary b-tree, with its own page cache of about 86 KB, for every look-up — thousands per
    // report (docs/performance.md, "Build and test time").
    std::vector<CitationStep> steps;
    Statement query = impl_->query(R"sql(
        SELECT p.kind, p.number, max(e.authentic) FROM provisions p JOIN expressions e ON e.id = p.expression_id
        WHERE e.instrument_id = ?1 AND p.eid = ?2)sql");
    for (const auto& prefix : eid_prefixes(eid)) {
        query.reset();
        query.bind(1, *id).bind(2, prefix);
        if (query.step() && !query.is_null(2))
            steps.push_back({query.text(0), query.text(1)});
        else
            steps.push_back(step_from_eid(prefix));
    }
    return format_citation(impl_->short_title(*id), steps);
}

std::optional<std::string> Store::resolve_reference(std::string_view instrument,
                                                    std::string_view reference,
                                                    std::string_view lang) const {
    if (provision(instrument, reference, lang))
        return std::string(reference);
    ParsedReference parsed = parse_reference(reference);
    if (!provision(instrument, parsed.root, lang))
        return std::nullopt;
    std::string current = parsed.root;
    for (const auto& part : parsed.parts) {
        // "(1)" below an article is its paragraph 1, else its point 1; below a paragraph or point
        // the next level of points.
        std::string found;
        for (const auto& child : subtree(instrument, current, lang)) {
            if (child.parent_eid != current)
                continue;
            if (child.number == part || child.eid.ends_with("_" + part)) {
                found = child.eid;
                break;
            }
        }
        if (found.empty())
            return std::nullopt;
        current = found;
    }
    return current;
}

std::vector<SearchHit> Store::search(std::string_view query, const SearchOptions& options) const {
    // The ranking, the snippets and the citations read one committed state (with a writer
    // beside, a rowid ranked is still the same provision when its snippet is read).
    ReadSnapshot snapshot(*this);
    std::string match = to_fts5_query(query);
    long long instrument = 0;
    if (!options.instrument.empty()) {
        auto id = impl_->instrument_id(options.instrument);
        if (!id)
            require_instrument(options.instrument);
        instrument = *id;
    }
    // Merging by provision ranks half as many rows again as the limit: a provision matched in
    // two expressions takes two rows, and rarely do most of the best hits match in both (when
    // they do, the list comes out shorter than the limit, never wrong). Measured against twice
    // the limit in docs/performance.md.
    const long long wanted = options.limit > 0 ? options.limit : 10;
    const long long limit = options.merge_languages ? wanted + (wanted + 1) / 2 : wanted;
    // Two steps: rank the matches (bm25, headings weighted double) and keep the best `limit`;
    // only then build snippets, which are costly, for those few. treatykb_bm25 is FTS5's bm25
    // that remembers each phrase's document count until the database changes (search_rank.hpp).
    std::vector<std::pair<long long, double>> best;
    auto rank = [&](Statement& ranked) {
        try {
            while (ranked.step())
                best.emplace_back(ranked.integer(0), ranked.real(1));
        } catch (const Error& e) {
            throw Error("search query not understood: " + e.message(), {"search query", 1, 0},
                        "use words, \"quoted phrases\", AND, OR, NOT and parentheses");
        }
    };
    if (instrument == 0 && options.language.empty()) {
        Statement ranked = impl_->query(R"sql(
            SELECT rowid, treatykb_bm25(provisions_fts, ?1, ?2, 2.0, 1.0) AS score FROM provisions_fts
            WHERE provisions_fts MATCH ?1 ORDER BY score LIMIT ?2)sql");
        ranked.bind(1, match).bind(2, limit);
        rank(ranked);
    } else {
        // An expression's provisions are written together, so their rowids form one range;
        // FTS5 takes a rowid range as a constraint and skips the rest of the corpus. The
        // expression check stays as the guard of correctness.
        Statement ranges = impl_->query(R"sql(
            SELECT e.id, min(p.id), max(p.id) FROM expressions e JOIN provisions p ON p.expression_id = e.id
            WHERE (?1 = 0 OR e.instrument_id = ?1) AND (?2 = '' OR e.language = ?2)
            GROUP BY e.id)sql");
        ranges.bind(1, instrument).bind(2, options.language);
        std::vector<std::array<long long, 3>> expressions;
        while (ranges.step())
            expressions.push_back({ranges.integer(0), ranges.integer(1), ranges.integer(2)});
        for (const auto& [expression, first, last] : expressions) {
            Statement ranked = impl_->query(R"sql(
                SELECT f.rowid, treatykb_bm25(provisions_fts, ?1, ?5, 2.0, 1.0) AS score
                FROM provisions_fts f JOIN provisions p ON p.id = f.rowid
                WHERE provisions_fts MATCH ?1 AND f.rowid BETWEEN ?2 AND ?3 AND p.expression_id = ?4
                ORDER BY score LIMIT ?5)sql");
            ranked.bind(1, match).bind(2, first).bind(3, last).bind(4, expression).bind(5, limit);
            rank(ranked);
        }
        std::sort(best.begin(), best.end(),
                  [](const auto& a, const auto& b) { return a.second < b.second; });
        if (best.size() > static_cast<std::size_t>(limit))
            best.resize(static_cast<std::size_t>(limit));
    }
    // One hit per provision: twice the limit was ranked; the rows of one (instrument, eId) fold
    // into the first (best), and only the kept rows get a snippet below.
    std::map<long long, std::vector<std::string>> merged_languages;
    if (options.merge_languages) {
        Statement key = impl_->query(R"sql(
            SELECT e.instrument_id, p.eid, e.language FROM provisions p
            JOIN expressions e ON e.id = p.expression_id WHERE p.id = ?1)sql");
        std::map<std::pair<long long, std::string>, long long> first_row;
        std::vector<std::pair<long long, double>> kept;
        for (const auto& [rowid, score] : best) {
            key.reset();
            key.bind(1, rowid);
            if (!key.step())
                continue;
            auto [at, inserted] = first_row.emplace(std::make_pair(key.integer(0), key.text(1)), rowid);
            if (inserted) {
                if (kept.size() == static_cast<std::size_t>(options.limit > 0 ? options.limit : 10)) {
                    first_row.erase(at);
                    continue;
                }
                kept.emplace_back(rowid, score);
            }
            merged_languages[at->second].push_back(key.text(2));
        }
        best = std::move(kept);
    }
    std::vector<SearchHit> hits;
    Statement detail = impl_->query(R"sql(
        SELECT i.alias, p.eid, e.language, p.heading,
               snippet(provisions_fts, -1, '[', ']', '…', 16)
        FROM provisions_fts
        JOIN provisions p ON p.id = provisions_fts.rowid
        JOIN expressions e ON e.id = p.expression_id
        JOIN instruments i ON i.id = e.instrument_id
        WHERE provisions_fts MATCH ?1 AND provisions_fts.rowid = ?2)sql");
    for (const auto& [rowid, score] : best) {
        detail.reset();
        detail.bind(1, match).bind(2, rowid);
        if (!detail.step())
            continue;
        SearchHit hit;
        hit.instrument = detail.text(0);
        hit.eid = detail.text(1);
        hit.language = detail.text(2);
        hit.heading = detail.text(3);
        hit.snippet = detail.text(4);
        hit.score = score;
        if (auto languages = merged_languages.find(rowid); languages != merged_languages.end())
            hit.languages = languages->second;
        else
            hit.languages = {hit.language};
        hits.push_back(std::move(hit));
    }
    for (auto& hit : hits)
        hit.citation = citation(hit.instrument, hit.eid);
    return hits;
}

} // namespace treatykb
