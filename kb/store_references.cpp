// The `reference` table: cross-references resolved at ingest (kb/reference_resolver), and the
// queries of `treatykb refs`, `cited-by` and the rule engine's refers_to facts.
#include "kb/reference_resolver.hpp"
#include "kb/store.hpp"
#include "kb/detail/store_detail.hpp"

namespace treatykb {

using detail::Statement;

namespace detail {

void insert_references(sqlite3* database, long long expression_id, const Expression& expression) {
    std::vector<ResolvedReference> references = resolve_references(expression);
    if (references.empty())
        return;
    Statement row(database, R"sql(
        INSERT INTO reference(expression_id, from_eid, to_eid, text, kind, status, reason, manner,
                              offset)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9))sql");
    for (const auto& r : references) {
        row.reset();
        row.bind(1, expression_id).bind(2, r.from_eid);
        if (!r.to_eid.empty()) // unbound: NULL
            row.bind(3, r.to_eid);
        row.bind(4, r.text).bind(5, r.kind).bind(6, r.status).bind(7, r.reason).bind(8, r.manner);
        row.bind(9, static_cast<long long>(r.offset));
        row.run();
    }
}

} // namespace detail

namespace {

StoredReference read_reference(const Statement& row) {
    return {row.text(0), row.text(1), row.text(2), row.text(3), row.text(4),
            row.text(5), row.text(6), static_cast<std::size_t>(row.integer(7))};
}

constexpr const char* reference_columns = "r.from_eid, r.to_eid, r.text, r.kind, r.status, "
                                          "r.reason, r.manner, r.offset";

} // namespace

std::vector<StoredReference> Store::references_from(std::string_view instrument,
                                                    std::string_view eid,
                                                    std::string_view lang) const {
    return references_in_subtree(instrument, eid, lang, "from_eid");
}

std::vector<StoredReference> Store::references_to(std::string_view instrument,
                                                  std::string_view eid,
                                                  std::string_view lang) const {
    return references_in_subtree(instrument, eid, lang, "to_eid");
}

// The references whose `end` ("from_eid": the citing provision; "to_eid": the cited one) lies in
// the subtree of `eid`, in document order of the citing provision.
std::vector<StoredReference> Store::references_in_subtree(std::string_view instrument,
                                                          std::string_view eid,
                                                          std::string_view lang,
                                                          std::string_view end) const {
    std::vector<StoredReference> out;
    auto expression = impl_->expression_id(instrument, lang);
    if (!expression)
        return out;
    std::string sql = std::string(detail::subtree_eids) + " SELECT " + reference_columns + R"sql(
        FROM reference r JOIN provisions p ON p.expression_id = r.expression_id
          AND p.eid = r.from_eid
        WHERE r.expression_id = ?1 AND r.)sql" + std::string(end) + R"sql( IN (SELECT eid FROM below)
        ORDER BY p.ord, r.offset, r.id)sql";
    Statement query = impl_->query(sql.c_str());
    query.bind(1, *expression).bind(2, eid);
    while (query.step())
        out.push_back(read_reference(query));
    return out;
}

std::vector<StoredReference> Store::resolved_references(std::string_view instrument,
                                                        std::string_view lang) const {
    std::vector<StoredReference> out;
    auto expression = impl_->expression_id(instrument, lang);
    if (!expression)
        return out;
    std::string sql = std::string("SELECT ") + reference_columns + R"sql(
        FROM reference r WHERE r.expression_id = ?1 AND r.status = 'resolved' ORDER BY r.id)sql";
    Statement query = impl_->query(sql.c_str());
    query.bind(1, *expression);
    while (query.step())
        out.push_back(read_reference(query));
    return out;
}

} // namespace treatykb
