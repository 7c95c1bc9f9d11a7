#include "cli/report/proof.hpp"

namespace treatykb::cli {

namespace {

std::string location_text(const SourceLocation& where) {
    if (where.file.empty()) return {};
    return where.file + ":" + std::to_string(where.line) + (where.column ? ":" + std::to_string(where.column) : "");
}

void render(const engine::ProofNode& node, int depth, std::string& out) {
    std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
    out += indent + node.fact + "  [";
    switch (node.kind) {
        case engine::ProofNode::Kind::base_fact:
            out += "fact";
            if (!node.annotation_id.empty()) out += " of annotation " + node.annotation_id + " on " + node.provision;
            break;
        case engine::ProofNode::Kind::strict_rule: out += "rule " + node.rule_id; break;
        case engine::ProofNode::Kind::defeasible_rule: out += "defeasible rule " + node.rule_id; break;
        case engine::ProofNode::Kind::absent: out += "absent"; break;
        case engine::ProofNode::Kind::comparison: out += "comparison"; break;
        case engine::ProofNode::Kind::builtin: out += "built-in"; break;
    }
    std::string where = location_text(node.where);
    out += (where.empty() ? "" : ", " + where) + "]\n";
    for (const engine::QuoteView& quote : node.quotes) out += indent + "    \"" + quote.text + "\" (" + quote.lang + ")\n";
    for (const std::string& defeat : node.defeated) out += indent + "    defeats " + defeat + "\n";
    for (const engine::ProofNode& premise : node.premises) render(premise, depth + 1, out);
}

nlohmann::json location_json(const SourceLocation& where) {
    return {{"file", where.file}, {"line", where.line}, {"column", where.column}};
}

nlohmann::json instance_json(const engine::RuleInstanceView& instance) {
    nlohmann::json premises = nlohmann::json::array();
    for (const engine::ProofNode& premise : instance.premises) premises.push_back(proof_json(premise));
    return {{"rule", instance.rule_id}, {"strength", std::string(engine::strength_name(instance.strength))},
            {"conclusion", instance.conclusion}, {"source", instance.source},
            {"where", location_json(instance.where)}, {"premises", premises}};
}

}  // namespace

std::string render_proof_text(const engine::ProofNode& proof) {
    std::string out;
    render(proof, 0, out);
    return out;
}

nlohmann::json proof_json(const engine::ProofNode& node) {
    nlohmann::json json{{"fact", node.fact}, {"kind", std::string(engine::proof_kind_name(node.kind))},
                        {"where", location_json(node.where)}};
    if (!node.rule_id.empty()) json["rule"] = node.rule_id;
    if (!node.annotation_id.empty()) {
        json["annotation"] = node.annotation_id;
        json["provision"] = node.provision;
        json["quotes"] = nlohmann::json::array();
        for (const engine::QuoteView& quote : node.quotes)
            json["quotes"].push_back({{"lang", quote.lang}, {"text", quote.text}, {"where", location_json(quote.where)}});
    }
    if (!node.defeated.empty()) json["defeated"] = node.defeated;
    if (!node.premises.empty()) {
        json["premises"] = nlohmann::json::array();
        for (const engine::ProofNode& premise : node.premises) json["premises"].push_back(proof_json(premise));
    }
    return json;
}

std::string render_conflict_text(const engine::Conflict& conflict) {
    std::string out = "conflict: " + conflict.literal + " vs " + conflict.complement + " — " + conflict.reason + "\n";
    auto side = [&](const char* label, const std::vector<engine::RuleInstanceView>& instances) {
        for (const engine::RuleInstanceView& instance : instances) {
            out += std::string("  ") + label + ": " + std::string(engine::strength_name(instance.strength)) + " rule " +
                   instance.rule_id + (instance.source.empty() ? "" : " (source " + instance.source + ")") + ", " +
                   location_text(instance.where) + "\n";
            for (const engine::ProofNode& premise : instance.premises) {
                std::string text = render_proof_text(premise);
                std::size_t start = 0;
                while (start < text.size()) {
                    std::size_t end = text.find('\n', start);
                    out += "      " + text.substr(start, end - start) + "\n";
                    start = end + 1;
                }
            }
        }
    };
    side("for", conflict.supporting);
    side("against", conflict.opposing);
    return out;
}

nlohmann::json conflict_json(const engine::Conflict& conflict) {
    nlohmann::json supporting = nlohmann::json::array(), opposing = nlohmann::json::array();
    for (const auto& instance : conflict.supporting) supporting.push_back(instance_json(instance));
    for (const auto& instance : conflict.opposing) opposing.push_back(instance_json(instance));
    return {{"literal", conflict.literal}, {"complement", conflict.complement}, {"reason", conflict.reason},
            {"for", supporting}, {"against", opposing}};
}

}  // namespace treatykb::cli
