#include "engine/datalog/model.hpp"

#include <algorithm>

#include "engine/datalog/detail/model_state.hpp"
#include "engine/datalog/detail/term_parser.hpp"

namespace treatykb::engine {

using detail::ModelState;
using detail::Row;

std::string FactView::text() const {
    std::string out = (complement ? "~" : "") + relation + "(";
    for (std::size_t i = 0; i < arguments.size(); ++i) out += (i ? ", " : "") + arguments[i];
    return out + ")";
}

std::string_view proof_kind_name(ProofNode::Kind kind) {
    switch (kind) {
        case ProofNode::Kind::base_fact: return "fact";
        case ProofNode::Kind::strict_rule: return "strict";
        case ProofNode::Kind::defeasible_rule: return "defeasible";
        case ProofNode::Kind::absent: return "absent";
        case ProofNode::Kind::comparison: return "comparison";
        case ProofNode::Kind::builtin: return "builtin";
    }
    return "?";
}

Model::Model(std::unique_ptr<ModelState> state) : state_(std::move(state)) {}
Model::Model(Model&&) noexcept = default;
Model& Model::operator=(Model&&) noexcept = default;
Model::~Model() = default;

const Program& Model::program() const { return *state_->program; }

Model evaluate(const Program& program, const EvaluationLimits& limits) {
    return evaluate(Program(program), limits);
}

Model evaluate(Program&& program, const EvaluationLimits& limits) {
    auto state = std::make_unique<ModelState>(std::move(program));
    state->limits = limits;
    detail::evaluate_program(*state);
    return Model(std::move(state));
}

namespace {

struct Pattern {
    std::uint32_t store = 0;
    std::vector<std::optional<Value>> constants;  // per column
    std::vector<std::vector<std::size_t>> same;   // groups of columns sharing one variable
};

Pattern parse_pattern(ModelState& state, std::string_view text) {
    detail::SourceFile file("query", std::string(text));
    detail::TextLocator locator(file, 0);
    Atom atom;
    try {
        atom = detail::TermParser(text, locator, state.constants, std::nullopt).atom_only();
    } catch (const detail::SyntaxError& failure) {
        throw Error(failure.message, locator.at(failure.offset), failure.hint);
    }
    const RelationDecl* decl = state.program->relation(atom.relation);
    if (!decl) throw Error("unknown relation '" + atom.relation + "'", atom.where, "see kb/knowledge/schema.xml");
    if (decl->arguments.size() != atom.arguments.size())
        throw Error(atom.relation + " takes " + std::to_string(decl->arguments.size()) + " arguments, not " +
                        std::to_string(atom.arguments.size()),
                    atom.where);
    Pattern pattern;
    pattern.store = state.store_map.of(atom.relation, atom.complement);
    std::map<std::string, std::size_t> group_of;
    for (std::size_t i = 0; i < atom.arguments.size(); ++i) {
        const Term& term = atom.arguments[i];
        if (term.kind == Term::Kind::constant) {
            Value value = term.value;
            Type expected = decl->arguments[i].type;
            if (state.constants.type(value) == Type::integer && expected == Type::decimal)
                value = state.constants.decimal(state.constants.text(value));
            else if (state.constants.type(value) != expected)
                throw Error("argument " + std::to_string(i + 1) + " of " + atom.relation + " must be " + a_type(expected),
                            term.where);
            pattern.constants.push_back(value);
            continue;
        }
        pattern.constants.push_back(std::nullopt);
        if (term.is_anonymous()) continue;
        auto [it, added] = group_of.emplace(term.variable, pattern.same.size());
        if (added) pattern.same.emplace_back();
        pattern.same[it->second].push_back(i);
    }
    return pattern;
}

template <typename Visit>
void match(ModelState& state, const Pattern& pattern, Visit&& visit) {
    detail::RelationStore& store = state.stores[pattern.store];
    std::vector<std::uint32_t> columns;
    std::vector<Value> key;
    for (std::size_t i = 0; i < pattern.constants.size() && columns.size() < 16; ++i)
        if (pattern.constants[i]) columns.push_back(static_cast<std::uint32_t>(i)), key.push_back(*pattern.constants[i]);
    auto accept = [&](Row row) {
        for (std::size_t i = 0; i < pattern.constants.size(); ++i)
            if (pattern.constants[i] && store.at(row, i) != *pattern.constants[i]) return;
        for (const auto& group : pattern.same)
            for (std::size_t column : group)
                if (store.at(row, column) != store.at(row, group.front())) return;
        visit(row);
    };
    if (columns.size() == pattern.constants.size()) {  // ground: one probe of the row set
        Row row = store.find(key.data());
        if (row != detail::kNoRow) visit(row);
        return;
    }
    if (columns.empty()) {
        for (Row row = 0; row < store.size(); ++row) accept(row);
        return;
    }
    std::size_t index = store.index_on(columns);
    store.update_indexes();
    for (Row row = store.first_match(index, key.data()); row != detail::kNoRow; row = store.next_match(index, row))
        accept(row);
}

FactView view_of(const ModelState& state, std::uint32_t store, Row row) {
    FactView view{state.store_relation[store], state.store_complement[store], {}, state.stores[store].is_defeasible(row), {}};
    for (std::size_t i = 0; i < state.stores[store].arity(); ++i) {
        Value value = state.stores[store].at(row, i);
        view.arguments.push_back(state.constants.render(value));
        view.values.push_back(value);
    }
    return view;
}

std::vector<FactView> sorted_views(ModelState& state, const Pattern& pattern) {
    std::vector<std::pair<std::string, FactView>> found;
    match(state, pattern, [&](Row row) {
        FactView view = view_of(state, pattern.store, row);
        found.emplace_back(view.text(), std::move(view));
    });
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<FactView> result;
    for (auto& entry : found) result.push_back(std::move(entry.second));
    return result;
}

// A typed pattern: the relation's store and its bound leading arguments.
Pattern typed_pattern(const ModelState& state, std::string_view relation, bool complement,
                      const std::vector<Bound>& bound) {
    const RelationDecl* decl = state.program->relation(relation);
    if (!decl) throw Error("unknown relation '" + std::string(relation) + "'", {}, "see the rules' declarations");
    if (bound.size() > decl->arguments.size())
        throw Error(std::string(relation) + " takes " + std::to_string(decl->arguments.size()) + " arguments, not " +
                    std::to_string(bound.size()));
    Pattern pattern;
    pattern.store = state.store_map.of(std::string(relation), complement);
    pattern.constants.assign(decl->arguments.size(), std::nullopt);
    for (std::size_t i = 0; i < bound.size(); ++i) pattern.constants[i] = bound[i];
    return pattern;
}

}  // namespace

std::vector<FactView> Model::query(std::string_view text) const {
    return sorted_views(*state_, parse_pattern(*state_, text));
}

std::vector<FactView> Model::rows(std::string_view relation, const std::vector<Bound>& bound) const {
    Pattern pattern = typed_pattern(*state_, relation, false, bound);
    for (const Bound& value : bound)
        if (value == kNoValue) return {};
    return sorted_views(*state_, pattern);
}

const std::vector<FactView>& Model::all(std::string_view relation) const {
    Pattern pattern = typed_pattern(*state_, relation, false, {});
    auto& [rows_read, views] = state_->all_rows[pattern.store];
    Row now = state_->stores[pattern.store].size();
    if (rows_read != now || (now > 0 && views.empty())) {
        views = sorted_views(*state_, pattern);
        rows_read = now;
    }
    return views;
}

Value Model::symbol(std::string_view name) const {
    return state_->constants.find(Type::symbol, name).value_or(kNoValue);
}

std::optional<ProofNode> Model::explain(const FactView& fact) const {
    std::vector<Bound> bound(fact.values.begin(), fact.values.end());
    Pattern pattern = typed_pattern(*state_, fact.relation, fact.complement, bound);
    std::optional<Row> found;
    match(*state_, pattern, [&](Row row) { if (!found) found = row; });
    if (!found) return std::nullopt;
    return detail::prove(*state_, pattern.store, *found);
}

std::size_t Model::count(std::string_view text) const {
    Pattern pattern = parse_pattern(*state_, text);
    std::size_t n = 0;
    match(*state_, pattern, [&](Row) { ++n; });
    return n;
}

std::optional<ProofNode> Model::explain(std::string_view text) const {
    Pattern pattern = parse_pattern(*state_, text);
    std::optional<Row> found;
    match(*state_, pattern, [&](Row row) { if (!found) found = row; });
    if (!found) return std::nullopt;
    return detail::prove(*state_, pattern.store, *found);
}

std::vector<Conflict> Model::conflicts() const {
    std::vector<Conflict> result;
    for (const detail::ConflictRecord& record : state_->conflicts) {
        Conflict conflict{state_->render(record.positive_store, record.values.data()),
                          state_->render(record.complement_store, record.values.data()), {}, {}, record.reason};
        for (std::size_t i : record.supporting) conflict.supporting.push_back(detail::instance_view(*state_, i));
        for (std::size_t i : record.opposing) conflict.opposing.push_back(detail::instance_view(*state_, i));
        result.push_back(std::move(conflict));
    }
    return result;
}

std::vector<DefeasibleConclusion> Model::defeasible_conclusions() const {
    std::vector<std::pair<std::uint64_t, const detail::Decision*>> ordered;
    for (const auto& [key, decision] : state_->decisions) ordered.emplace_back(key, &decision);
    std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<DefeasibleConclusion> result;
    for (const auto& [key, decision] : ordered) {
        auto store = static_cast<std::uint32_t>(key >> 32);
        auto row = static_cast<Row>(key & 0xFFFFFFFFu);
        DefeasibleConclusion conclusion{view_of(*state_, store, row), detail::instance_view(*state_, decision->instance), {}};
        for (const detail::DefeatRecord& defeat : decision->defeats)
            conclusion.defeated.push_back(Defeat{detail::instance_view(*state_, defeat.attacker),
                                                 state_->program->rules[state_->instances[defeat.winner].rule].id,
                                                 defeat.criterion});
        result.push_back(std::move(conclusion));
    }
    return result;
}

}  // namespace treatykb::engine
