#include "engine/datalog/detail/stratify.hpp"

#include <algorithm>
#include <deque>
#include <functional>
#include <map>

#include "engine/datalog/detail/term_parser.hpp"

namespace treatykb::engine {

namespace {
struct Edge {
    std::size_t from, to;
    bool lowering;
    std::size_t rule;
    int literal;
};
}  // namespace

Stratification stratify(const Program& program) {
    std::map<std::string, std::size_t, std::less<>> node_of;
    std::vector<std::string> names;
    auto node = [&](const std::string& name) {
        auto [it, added] = node_of.emplace(name, names.size());
        if (added) names.push_back(name);
        return it->second;
    };
    for (const RelationDecl& decl : program.relations) node(decl.name);
    std::vector<Edge> edges;
    for (std::size_t r = 0; r < program.rules.size(); ++r) {
        const Rule& rule = program.rules[r];
        std::size_t head = node(rule.head.relation);
        bool defeasible = rule.strength != Strength::strict;
        for (std::size_t l = 0; l < rule.body.size(); ++l) {
            const Literal& literal = rule.body[l];
            if (literal.kind != Literal::Kind::positive && literal.kind != Literal::Kind::negated) continue;
            edges.push_back(Edge{node(literal.atom.relation), head,
                                 defeasible || literal.kind == Literal::Kind::negated, r, static_cast<int>(l)});
        }
        if (!rule.source_variable.empty() || !rule.domain_variable.empty())
            for (const char* metadata : kPriorityRelations)
                if (node_of.count(metadata)) edges.push_back(Edge{node(metadata), head, true, r, -1});
    }
    // Tarjan's strongly connected components (iterative, emits in reverse topological order).
    std::size_t n = names.size();
    std::vector<std::vector<std::size_t>> out(n);
    for (std::size_t e = 0; e < edges.size(); ++e) out[edges[e].from].push_back(e);
    std::vector<int> index(n, -1), low(n, 0), component(n, -1);
    std::vector<bool> on_stack(n, false);
    std::vector<std::size_t> stack;
    std::vector<std::vector<std::size_t>> components;
    int counter = 0;
    for (std::size_t start = 0; start < n; ++start) {
        if (index[start] >= 0) continue;
        std::vector<std::pair<std::size_t, std::size_t>> work{{start, 0}};
        while (!work.empty()) {
            auto& [v, next] = work.back();
            if (next == 0 && index[v] < 0) {
                index[v] = low[v] = counter++;
                stack.push_back(v);
                on_stack[v] = true;
            }
            if (next < out[v].size()) {
                std::size_t w = edges[out[v][next++]].to;
                if (index[w] < 0) work.push_back({w, 0});
                else if (on_stack[w]) low[v] = std::min(low[v], index[w]);
                continue;
            }
            if (low[v] == index[v]) {
                std::vector<std::size_t> members;
                std::size_t w;
                do {
                    w = stack.back();
                    stack.pop_back();
                    on_stack[w] = false;
                    component[w] = static_cast<int>(components.size());
                    members.push_back(w);
                } while (w != v);
                components.push_back(std::move(members));
            }
            std::size_t finished = v;
            work.pop_back();
            if (!work.empty()) low[work.back().first] = std::min(low[work.back().first], low[finished]);
        }
    }
    Stratification result;
    for (auto it = components.rbegin(); it != components.rend(); ++it) {
        std::vector<std::string> stratum;
        for (std::size_t v : *it) stratum.push_back(names[v]);
        std::sort(stratum.begin(), stratum.end());
        result.strata.push_back(std::move(stratum));
    }
    // A lowering edge inside a component: name the cycle head -> ... -> body -> head.
    for (const Edge& edge : edges) {
        if (!edge.lowering || component[edge.from] != component[edge.to]) continue;
        // Shortest path from the head back to the body relation inside the component.
        std::vector<long> previous(n, -1);
        std::deque<std::size_t> queue{edge.to};
        previous[edge.to] = static_cast<long>(edge.to);
        while (!queue.empty() && previous[edge.from] < 0) {
            std::size_t v = queue.front();
            queue.pop_front();
            for (std::size_t e : out[v]) {
                std::size_t w = edges[e].to;
                if (component[w] != component[edge.to] || previous[w] >= 0) continue;
                previous[w] = static_cast<long>(v);
                queue.push_back(w);
            }
        }
        std::vector<std::string> cycle{names[edge.to]};
        for (std::size_t v = edge.from; v != edge.to; v = static_cast<std::size_t>(previous[v]))
            cycle.insert(cycle.begin() + 1, names[v]);
        cycle.push_back(names[edge.to]);
        result.violations.push_back(StratumViolation{edge.rule, edge.literal, std::move(cycle)});
    }
    return result;
}

}  // namespace treatykb::engine
