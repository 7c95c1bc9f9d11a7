#include "cli/report/tidy_tables.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include "cli/report/proof.hpp"
#include "engine/analysis/power.hpp"

namespace treatykb::cli {

namespace {

Value text_or_missing(const std::string& text) {
    return text.empty() ? Value{} : Value{text};
}

long long integer(std::size_t value) {
    return static_cast<long long>(value);
}

std::string severity_label(int severity) {
    switch (severity) {
    case 3:
        return "high";
    case 2:
        return "medium";
    case 1:
        return "low";
    default:
        return "info";
    }
}

std::string reading_label(const std::string& reading) {
    std::string label = reading;
    std::replace(label.begin(), label.end(), '_', ' ');
    return label;
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items)
        out += (out.empty() ? "" : "; ") + item;
    return out;
}

// "eaeu#art_47__para_1" -> "art_47__para_1".
std::string eid_of(const std::string& provision) {
    std::size_t hash = provision.find('#');
    return hash == std::string::npos ? provision : provision.substr(hash + 1);
}

const engine::DomainDepth* find_domain(const engine::Analysis& analysis,
                                       const std::string& domain) {
    for (const engine::DomainDepth& depth : analysis.depth.domains)
        if (depth.domain == domain)
            return &depth;
    return nullptr;
}

std::string domain_label(const engine::Analysis& analysis, const std::string& domain) {
    const engine::DomainDepth* depth = find_domain(analysis, domain);
    return depth && !depth->label.empty() ? depth->label : domain;
}

std::vector<std::string> leading(const std::vector<std::string>& columns) {
    std::vector<std::string> all{"instrument", "scenario"};
    all.insert(all.end(), columns.begin(), columns.end());
    return all;
}

// The provisions behind a measure: distinct, in order.
void add_sources(std::vector<std::string>& into, const std::vector<std::string>& sources) {
    for (const std::string& source : sources)
        if (!source.empty() && std::find(into.begin(), into.end(), source) == into.end())
            into.push_back(source);
}

void add_area_sources(std::vector<std::string>& into, const engine::AreaScore& area) {
    for (const engine::StageScore* stage : {&area.agenda, &area.final})
        for (const engine::BodyScore& body : stage->bodies) {
            add_sources(into, body.role_sources);
            add_sources(into, body.class_sources);
            add_sources(into, body.rule_sources);
            add_sources(into, body.discount_sources);
        }
    for (const auto& [factor, source] : area.weight_factors) add_sources(into, {source});
}

struct Builder {
    const engine::Analysis& analysis;
    const FindingKinds& kinds;
    const CitationLabel& cite;
    std::string scenario;
    const TidyContext& context;

    std::vector<Value> row(std::vector<Value> values) const {
        std::vector<Value> all{analysis.instrument, text_or_missing(scenario)};
        all.insert(all.end(), std::make_move_iterator(values.begin()),
                   std::make_move_iterator(values.end()));
        return all;
    }

    DataTable summary() const {
        DataTable table{"summary",
                        leading({"members", "member_count", "findings", "findings_high",
                                 "nominal_depth", "effective_depth", "scope", "pooling",
                                 "delegation", "nominal_stage", "effective_stage",
                                 "effective_partial"}),
                        {}};
        long long high = 0;
        for (const engine::FindingGroup& group : analysis.findings)
            high += group.severity >= 3 ? 1 : 0;
        std::string members;
        for (const std::string& member : analysis.members)
            members += (members.empty() ? "" : " ") + member;
        const engine::DepthReport& depth = analysis.depth;
        table.add(row({members, integer(analysis.members.size()), integer(analysis.findings.size()),
                       high, depth.nominal_depth, depth.effective_depth,
                       static_cast<long long>(depth.scope), depth.pooling, depth.delegation,
                       depth.nominal_stage, depth.effective_stage,
                       text_or_missing(depth.effective_partial)}));
        return table;
    }

    DataTable findings() const {
        DataTable table{"findings",
                        leading({"finding", "kind", "kind_label", "domain", "domain_label",
                                 "reading", "reading_label", "severity", "severity_label",
                                 "instances", "primary_count", "secondary_count",
                                 "rules", "verdict", "verdict_literal", "nominal", "effective"}),
                        {}};
        std::size_t number = 0;
        for (const engine::FindingGroup& group : analysis.findings) {
            auto kind = kinds.find(group.kind);
            std::string verdict(engine::outcome_name(group.verdict.outcome));
            table.add(row({"F" + std::to_string(++number), group.kind,
                           kind != kinds.end() ? kind->second.first : group.kind, group.domain,
                           domain_label(analysis, group.domain), group.reading,
                           reading_label(group.reading), static_cast<long long>(group.severity),
                           severity_label(group.severity), integer(group.instances.size()),
                           integer(group.primary_provisions.size()),
                           integer(group.secondary_provisions.size()), joined(group.rules),
                           verdict, text_or_missing(group.verdict.literal),
                           static_cast<long long>(group.nominal), group.effective}));
        }
        return table;
    }

    DataTable provisions() const {
        DataTable table{"provisions",
                        leading({"finding", "kind", "domain", "role", "provision", "eid",
                                 "citation"}),
                        {}};
        std::size_t number = 0;
        for (const engine::FindingGroup& group : analysis.findings) {
            std::string finding = "F" + std::to_string(++number);
            for (const std::string& provision : group.primary_provisions)
                table.add(row({finding, group.kind, group.domain, "primary", provision,
                               eid_of(provision), cite(provision)}));
            for (const std::string& provision : group.secondary_provisions)
                table.add(row({finding, group.kind, group.domain, "secondary", provision,
                               eid_of(provision), cite(provision)}));
        }
        return table;
    }

    DataTable quotes() const {
        DataTable table{"quotes",
                        leading({"finding", "provision", "citation", "language", "annotation",
                                 "quote", "source"}),
                        {}};
        std::size_t number = 0;
        for (const engine::FindingGroup& group : analysis.findings) {
            std::string finding = "F" + std::to_string(++number);
            std::vector<std::string> provisions = group.primary_provisions;
            provisions.insert(provisions.end(), group.secondary_provisions.begin(),
                              group.secondary_provisions.end());
            std::set<std::string> seen;
            for (const std::string& provision : provisions) {
                if (!seen.insert(provision).second)
                    continue;
                // The quotes the finding's proofs rest on, else those anchored on the provision.
                const engine::ProvisionQuotes* entry = nullptr;
                if (auto own = group.quotes.find(provision);
                    own != group.quotes.end() && !own->second.quotes.empty())
                    entry = &own->second;
                else if (auto any = analysis.quotes.find(provision); any != analysis.quotes.end())
                    entry = &any->second;
                if (!entry)
                    continue;
                std::vector<std::pair<engine::QuoteView, std::string>> quotes;
                for (std::size_t i = 0; i < entry->quotes.size(); ++i)
                    quotes.emplace_back(entry->quotes[i], i < entry->annotations.size()
                                                              ? entry->annotations[i]
                                                              : std::string());
                // A limiting provision is quoted in full, as in the report: every annotation
                // on it, not only those a proof happened to use.
                bool primary = std::find(group.primary_provisions.begin(),
                                         group.primary_provisions.end(),
                                         provision) != group.primary_provisions.end();
                if (auto any = analysis.quotes.find(provision);
                    primary && any != analysis.quotes.end() && &any->second != entry)
                    for (std::size_t i = 0; i < any->second.quotes.size(); ++i) {
                        const engine::QuoteView& quote = any->second.quotes[i];
                        bool seen = std::any_of(quotes.begin(), quotes.end(), [&](const auto& q) {
                            return q.first.lang == quote.lang && q.first.text == quote.text;
                        });
                        if (!seen)
                            quotes.emplace_back(quote, i < any->second.annotations.size()
                                                           ? any->second.annotations[i]
                                                           : std::string());
                    }
                for (const auto& [quote, annotation] : quotes)
                    table.add(row({finding, provision, cite(provision), quote.lang,
                                   text_or_missing(annotation), quote.text,
                                   context.coded_files.count(quote.where.file) ? "coded" : "hand"}));
            }
        }
        return table;
    }

    DataTable domains() const {
        DataTable table{"domains",
                        leading({"domain", "domain_label", "parent", "tree_depth", "annotated",
                                 "covered", "inherited_from", "nominal", "cap", "discounts", "effective",
                                 "has_bodies", "pooling", "delegation", "deciding_bodies",
                                 "nominal_sources"}),
                        {}};
        for (const engine::DomainDepth& domain : analysis.depth.domains) {
            std::vector<std::string> sources;
            for (const std::string& source : domain.nominal_sources)
                sources.push_back(cite(source));
            // The bodies adopting the domain's binding decisions: the final stage of its stream.
            std::vector<std::string> deciding;
            if (const engine::AreaScore* stream =
                    engine::find_stream(analysis.depth.authority, domain.domain))
                for (const engine::BodyScore& body : stream->final.bodies)
                    deciding.push_back(body.body);
            table.add(row({domain.domain, domain.label, text_or_missing(domain.parent),
                           static_cast<long long>(domain.tree_depth), domain.annotated,
                           domain.covered,
                           text_or_missing(domain.inherited_from),
                           static_cast<long long>(domain.nominal),
                           static_cast<long long>(domain.cap), integer(domain.discounts.size()),
                           domain.effective, domain.has_bodies,
                           domain.has_bodies ? Value{domain.pooling} : Value{},
                           domain.has_bodies ? Value{domain.delegation} : Value{},
                           text_or_missing(joined(deciding)),
                           text_or_missing(joined(sources))}));
        }
        return table;
    }

    DataTable limitations() const {
        DataTable table{"limitations",
                        leading({"domain", "domain_label", "limitation", "delta", "cap",
                                 "found_in", "provision_count", "provisions"}),
                        {}};
        for (const engine::DomainDepth& domain : analysis.depth.domains) {
            if (domain.cap < domain.nominal) {
                std::vector<std::string> sources;
                for (const std::string& source : domain.cap_sources)
                    sources.push_back(cite(source));
                table.add(row({domain.domain, domain.label, "cap", Value{},
                               static_cast<long long>(domain.cap), domain.domain,
                               integer(sources.size()), joined(sources)}));
            }
            for (const engine::DepthDiscount& discount : domain.discounts) {
                std::vector<std::string> sources;
                for (const std::string& source : discount.sources)
                    sources.push_back(cite(source));
                table.add(row({domain.domain, domain.label, discount.kind, discount.delta,
                               Value{}, discount.domain, integer(sources.size()),
                               joined(sources)}));
            }
        }
        return table;
    }

    DataTable stages() const {
        DataTable table{"stages",
                        leading({"stage", "rank", "condition", "nominal_met", "effective",
                                 "met_by", "limits"}),
                        {}};
        for (const engine::StageAssessment& stage : analysis.depth.stages)
            for (const engine::StageCondition& condition : stage.conditions) {
                std::vector<std::string> met;
                for (const std::string& provision : condition.met_by)
                    met.push_back(cite(provision));
                std::vector<std::string> limits;
                for (const engine::ConditionLimit& limit : condition.limits)
                    limits.push_back(limit.extent + ": " + cite(limit.source));
                table.add(row({stage.stage, static_cast<long long>(stage.rank),
                               condition.condition, condition.nominal_met, condition.effective,
                               text_or_missing(joined(met)), text_or_missing(joined(limits))}));
            }
        return table;
    }

    DataTable bodies() const {
        DataTable table{"bodies",
                        leading({"body", "body_label", "rule", "rule_description", "source",
                                 "source_citation", "members", "winning_coalitions",
                                 "power_to_act", "power_to_act_exact", "method"}),
                        {}};
        for (const engine::BodyPowerResult& result : analysis.power) {
            const power::PowerIndices& indices = result.power.indices;
            table.add(row({result.body, result.power.body.name, result.rule,
                           result.power.body.description, text_or_missing(result.source),
                           text_or_missing(result.source.empty() ? "" : cite(result.source)),
                           integer(indices.members.size()),
                           indices.winning_coalitions.convert_to<long long>(),
                           power::to_double(indices.power_to_act),
                           power::to_string(indices.power_to_act), indices.method}));
        }
        return table;
    }

    // One row per measure: the aggregates, the stages and the depth of every domain the text
    // covers, each with the provisions behind it and the year of signature, so that instruments
    // stack into a panel (docs/codebook.md).
    DataTable instrument_measures() const {
        DataTable table{"instrument_measures",
                        leading({"knowledge", "signed", "year", "text_date", "text_year", "measure",
                                 "domain", "value", "stage", "provision_count", "provisions"}),
                        {}};
        auto year_of = [](const std::string& date) -> Value {
            if (date.size() >= 4 && std::all_of(date.begin(), date.begin() + 4,
                                                [](char c) { return c >= '0' && c <= '9'; }))
                return std::stoll(date.substr(0, 4));
            return {};
        };
        Value signed_date = text_or_missing(context.signed_date);
        Value year = year_of(context.signed_date);
        Value text_date = text_or_missing(context.text_date);
        Value text_year = year_of(context.text_date);
        auto add = [&](const std::string& measure, const std::string& domain, double value,
                       const std::string& stage, const std::vector<std::string>& sources) {
            table.add(row({context.knowledge, signed_date, year, text_date, text_year, measure,
                           text_or_missing(domain), value, text_or_missing(stage),
                           integer(sources.size()), text_or_missing(joined(sources))}));
        };
        const engine::DepthReport& depth = analysis.depth;
        std::vector<std::string> nominal_sources, effective_sources;
        for (const engine::DomainDepth& domain : depth.domains) {
            if (!domain.covered && domain.nominal == 0) continue;
            add_sources(nominal_sources, domain.nominal_sources);
            add_sources(effective_sources, domain.nominal_sources);
            add_sources(effective_sources, domain.cap_sources);
            for (const engine::DepthDiscount& discount : domain.discounts)
                add_sources(effective_sources, discount.sources);
        }
        add("nominal_depth", "", depth.nominal_depth, "", nominal_sources);
        add("effective_depth", "", depth.effective_depth, "", effective_sources);
        add("scope", "", static_cast<double>(depth.scope), "", nominal_sources);
        std::vector<std::string> pooling_sources, delegation_sources;
        for (const engine::AreaScore& area : depth.authority.areas) add_area_sources(pooling_sources, area);
        delegation_sources = pooling_sources;
        for (const engine::CourtScore& court : depth.authority.courts)
            add_sources(delegation_sources, court.sources);
        add("pooling", "", depth.pooling, "", pooling_sources);
        add("delegation", "", depth.delegation, "", delegation_sources);
        auto stage_row = [&](const std::string& measure, const std::string& stage, bool effective) {
            int rank = 0;
            std::vector<std::string> sources;
            for (const engine::StageAssessment& assessment : depth.stages) {
                if (assessment.stage == stage) rank = assessment.rank;
            }
            for (const engine::StageAssessment& assessment : depth.stages) {
                if (assessment.rank > rank) continue;
                for (const engine::StageCondition& condition : assessment.conditions) {
                    if (effective ? condition.effective != "met" : !condition.nominal_met) continue;
                    add_sources(sources, condition.met_by);
                }
            }
            add(measure, "", static_cast<double>(rank), stage, sources);
        };
        stage_row("nominal_stage", depth.nominal_stage, false);
        stage_row("effective_stage", depth.effective_stage, true);
        for (const engine::DomainDepth& domain : depth.domains) {
            if (!domain.covered && domain.nominal == 0) continue;
            std::vector<std::string> sources = domain.nominal_sources;
            add("domain_nominal", domain.domain, static_cast<double>(domain.nominal), "", sources);
            add_sources(sources, domain.cap_sources);
            for (const engine::DepthDiscount& discount : domain.discounts) add_sources(sources, discount.sources);
            add("domain_effective", domain.domain, domain.effective, "", sources);
        }
        return table;
    }

    DataTable power_indices() const {
        DataTable table{"power",
                        leading({"body", "member", "shapley_shubik", "shapley_shubik_exact",
                                 "banzhaf_normalized", "banzhaf_normalized_exact",
                                 "banzhaf_absolute", "swings", "coleman_prevent",
                                 "coleman_initiate"}),
                        {}};
        for (const engine::BodyPowerResult& result : analysis.power) {
            const power::PowerIndices& indices = result.power.indices;
            for (std::size_t i = 0; i < indices.members.size(); ++i)
                table.add(row({result.body, indices.members[i],
                               power::to_double(indices.shapley_shubik[i]),
                               power::to_string(indices.shapley_shubik[i]),
                               power::to_double(indices.banzhaf_normalized[i]),
                               power::to_string(indices.banzhaf_normalized[i]),
                               power::to_double(indices.banzhaf_absolute[i]),
                               indices.swings[i].convert_to<long long>(),
                               power::to_double(indices.coleman_prevent[i]),
                               power::to_double(indices.coleman_initiate[i])}));
        }
        return table;
    }
};

} // namespace

FindingKinds finding_kinds(const engine::Model& model) {
    FindingKinds kinds;
    for (const engine::FactView& fact : model.query("finding_kind(?k, ?t, ?m)"))
        kinds[fact.arguments[0]] = {engine::unquote(fact.arguments[1]),
                                    engine::unquote(fact.arguments[2])};
    return kinds;
}

const std::vector<std::string>& tidy_table_names() {
    static const std::vector<std::string> names{"summary", "findings",    "provisions",
                                                "quotes",  "domains",     "limitations",
                                                "stages",  "bodies",      "power",
                                                "instrument_measures"};
    return names;
}

std::vector<DataTable> tidy_tables(const engine::Analysis& analysis, const FindingKinds& kinds,
                                   const CitationLabel& cite, const std::string& scenario,
                                   const TidyContext& context) {
    Builder builder{analysis, kinds, cite, scenario, context};
    return {builder.summary(),     builder.findings(), builder.provisions(),
            builder.quotes(),      builder.domains(),  builder.limitations(),
            builder.stages(),      builder.bodies(),   builder.power_indices(),
            builder.instrument_measures()};
}

void stack_tables(std::vector<DataTable>& into, std::vector<DataTable> more) {
    if (into.empty()) {
        into = std::move(more);
        return;
    }
    for (DataTable& table : more)
        for (DataTable& target : into)
            if (target.name == table.name)
                for (auto& row : table.rows)
                    target.add(std::move(row));
}

nlohmann::json tidy_json(const std::vector<DataTable>& tables, const TidyMetadata& metadata,
                         const std::vector<const engine::Analysis*>& analyses) {
    nlohmann::json out;
    out["schema"] = "https://treatykb.org/schema/analysis.schema.json";
    out["schema_version"] = tidy_schema_version;
    out["generator"] = metadata.generator;
    out["command"] = metadata.command;
    const KnowledgeSummary& knowledge = metadata.knowledge;
    out["knowledge"] = {{"files", knowledge.files},
                        {"annotations", knowledge.annotations},
                        {"facts", knowledge.facts},
                        {"rules", knowledge.rules},
                        {"quotes_verified", knowledge.quotes_verified},
                        {"quotes_in_enclosing", knowledge.quotes_in_enclosing},
                        {"unverified", knowledge.unverified},
                        {"source", knowledge.source},
                        {"hand_annotations", knowledge.hand_annotations},
                        {"coded_annotations", knowledge.coded_annotations},
                        {"coded_dropped", knowledge.coded_dropped},
                        {"coded_facts_dropped", knowledge.coded_facts_dropped}};
    nlohmann::json& body = out["tables"] = nlohmann::json::object();
    for (const DataTable& table : tables)
        body[table.name] = to_json(table);
    nlohmann::json proofs = nlohmann::json::array();
    for (const engine::Analysis* analysis : analyses) {
        std::size_t number = 0;
        for (const engine::FindingGroup& group : analysis->findings) {
            std::string finding = "F" + std::to_string(++number);
            for (const engine::FindingInstance& instance : group.instances)
                if (!instance.proof.fact.empty())
                    proofs.push_back({{"instrument", analysis->instrument},
                                      {"finding", finding},
                                      {"rule", instance.rule_id},
                                      {"primary", instance.primary},
                                      {"secondary", instance.secondary},
                                      {"proof", proof_json(instance.proof)}});
        }
    }
    out["proofs"] = std::move(proofs);
    return out;
}

} // namespace treatykb::cli
