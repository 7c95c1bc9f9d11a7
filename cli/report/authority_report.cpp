// Pooling, delegation and the Balassa stage as report sections. Layout only: the scores come
// from engine/pooling.cpp and engine/balassa.cpp, the provisions from the knowledge base.
#include "cli/report/authority_report.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace treatykb::cli {

namespace {

using report::Cell;

// The policy streams and the courts' items: detail tables, placed after the findings.
constexpr const char* authority_appendix_heading = "Appendix: policy streams and dispute settlement (MIA coding scheme)";

std::string cited(const std::vector<std::string>& provisions, const CitationLabel& cite) {
    std::string out;
    for (const std::string& provision : provisions) out += (out.empty() ? "" : "; ") + cite(provision);
    return out;
}

// "eaeu_supreme_council [state, consensus 0.00]".
std::string body_text(const engine::BodyScore& body) {
    std::string detail = body.body_class.empty() ? "class not coded" : body.body_class;
    if (body.body_class == "state")
        detail += body.voting >= 0 ? fmt::format(", {} {:.2f}", body.rule, body.voting) : ", no rule coded";
    else if (body.body_class == "non_state")
        detail += fmt::format(", k {:.2f}", body.composition);
    return body.body + " [" + detail + "]";
}

std::string bodies_text(const engine::StageScore& stage) {
    std::string out;
    for (const engine::BodyScore& body : stage.bodies) out += (out.empty() ? "" : "; ") + body_text(body);
    return out.empty() ? "–" : out;
}

std::vector<std::string> provisions_of(const engine::AreaScore& area) {
    std::vector<std::string> all;
    auto add = [&](const std::vector<std::string>& list) {
        for (const std::string& p : list)
            if (std::find(all.begin(), all.end(), p) == all.end()) all.push_back(p);
    };
    for (const engine::StageScore* stage : {&area.agenda, &area.final})
        for (const engine::BodyScore& body : stage->bodies) {
            add(body.role_sources);
            add(body.rule_sources);
            add(body.class_sources);
            add(body.discount_sources);
        }
    return all;
}

}  // namespace

std::string effective_stage_text(const engine::DepthReport& depth) {
    if (depth.effective_partial.empty()) return depth.effective_stage;
    return depth.effective_stage + " (" + depth.effective_partial + " partly)";
}

report::Section authority_section(const engine::AuthorityReport& authority, const CitationLabel& cite) {
    report::Section section{"Pooling and delegation (MIA coding scheme)", {}};
    report::KeyValueList summary;
    summary.items.push_back({"Pooling (0–1)", Cell::of_number(authority.pooling, 3)});
    summary.items.push_back({"  agenda setting / final decision",
                             Cell::of_text(fmt::format("{:.3f} / {:.3f}", authority.pool_agenda, authority.pool_final))});
    summary.items.push_back({"Delegation (0–1)", Cell::of_number(authority.delegation, 3)});
    summary.items.push_back({"  agenda / final / judicial",
                             Cell::of_text(fmt::format("{:.3f} / {:.3f} / {:.3f}", authority.del_agenda,
                                                       authority.del_final, authority.judicial))});
    summary.items.push_back({"Decision areas coded", Cell::of_text(fmt::format("{} of {}", authority.areas_coded,
                                                                               authority.areas.size()))});
    summary.items.push_back({"Bodies coded (class and rule)",
                             Cell::of_text(fmt::format("{} of {}", authority.bodies_coded, authority.bodies_total))});
    section.blocks.emplace_back(std::move(summary));

    report::Table areas;
    areas.id = "authority_areas";
    areas.caption = "Decision areas: bodies, rules, weight and the provisions behind them";
    areas.columns = {"Area", "Agenda setting", "Final decision", "Weight w", "Pooling", "Delegation", "Provisions"};
    for (const engine::AreaScore& area : authority.areas) {
        std::string weight = fmt::format("{:.3f}", area.weight);
        for (const auto& [factor, text] : area.weight_factors) weight += "; " + text;
        std::string name = area.area;
        if (!area.streams.empty()) name += " (highest stream: " + area.streams.front() + ")";
        if (!area.coded) {
            areas.rows.push_back({Cell::of_text(name), Cell::of_text("not coded"), Cell::of_text("not coded"),
                                  Cell::of_text(""), Cell::of_number(0, 2), Cell::of_number(0, 2), Cell::of_text("")});
            continue;
        }
        areas.rows.push_back({Cell::of_text(name), Cell::of_text(bodies_text(area.agenda)),
                              Cell::of_text(bodies_text(area.final)), Cell::of_text(weight),
                              Cell::of_number(area.pooling, 2), Cell::of_number(area.delegation, 2),
                              Cell::of_text(cited(provisions_of(area), cite))});
    }
    section.blocks.emplace_back(std::move(areas));

    if (!authority.corpus_gaps.empty() || !authority.uncoded_bodies.empty()) {
        report::Table gaps;
        gaps.id = "authority_gaps";
        gaps.caption = "What the corpus or the knowledge base does not yet support";
        gaps.columns = {"Where", "Missing"};
        for (const auto& [source, text] : authority.corpus_gaps)
            gaps.rows.push_back({Cell::of_text(cite(source)), Cell::of_text(text)});
        for (const std::string& body : authority.uncoded_bodies)
            gaps.rows.push_back({Cell::of_text(body), Cell::of_text("class or decision rule not coded (for a court: no dispute-settlement item)")});
        section.blocks.emplace_back(std::move(gaps));
    }
    if (!authority.streams.empty() || !authority.courts.empty())
        section.blocks.emplace_back(report::Paragraph{
            "The policy streams (binding decisions by domain) and the dispute-settlement items of each "
            "court are listed after the findings, under “" + std::string(authority_appendix_heading) + "”."});
    return section;
}

report::Section authority_appendix(const engine::AuthorityReport& authority, const CitationLabel& cite) {
    report::Section appendix{authority_appendix_heading, {}};
    report::Table streams;
    streams.id = "authority_streams";
    streams.caption = "Policy streams: binding decisions by domain (w = 1: binding, no ratification)";
    streams.columns = {"Domain", "Agenda setting", "Final decision", "Pooling", "Delegation", "Provisions"};
    for (const engine::AreaScore& stream : authority.streams)
        streams.rows.push_back({Cell::of_text(stream.area), Cell::of_text(bodies_text(stream.agenda)),
                                Cell::of_text(bodies_text(stream.final)), Cell::of_number(stream.pooling, 2),
                                Cell::of_number(stream.delegation, 2),
                                Cell::of_text(cited(provisions_of(stream), cite))});
    if (!streams.rows.empty()) appendix.blocks.emplace_back(std::move(streams));

    report::Table courts;
    courts.id = "authority_courts";
    courts.caption = "Dispute settlement (judicial delegation: sum of seven items, each 0–2, over 14)";
    courts.columns = {"Body", "Items", "Score", "Provisions"};
    for (const engine::CourtScore& court : authority.courts) {
        std::string items;
        for (const auto& [item, score] : court.items) items += (items.empty() ? "" : ", ") + fmt::format("{} {}", item, score);
        courts.rows.push_back({Cell::of_text(court.body), Cell::of_text(court.coded ? items : "missing: not coded"),
                               Cell::of_number(court.score, 3), Cell::of_text(cited(court.sources, cite))});
    }
    if (!courts.rows.empty()) appendix.blocks.emplace_back(std::move(courts));
    return appendix;
}

report::Section stage_section(const engine::DepthReport& depth, const CitationLabel& cite) {
    report::Section section{"Balassa stage", {}};
    report::KeyValueList summary;
    summary.items.push_back({"Nominal stage", Cell::of_text(depth.nominal_stage)});
    summary.items.push_back({"Effective stage", Cell::of_text(effective_stage_text(depth))});
    section.blocks.emplace_back(std::move(summary));
    report::Table table;
    table.id = "stages";
    table.caption = "Stage conditions (Balassa 1961; GATT Art. XXIV:8), each with its provisions";
    table.columns = {"Stage", "Condition", "Nominal", "Effective", "Met by", "Limited by"};
    for (const engine::StageAssessment& stage : depth.stages) {
        for (const engine::StageCondition& condition : stage.conditions) {
            std::string limits;
            for (const engine::ConditionLimit& limit : condition.limits)
                limits += (limits.empty() ? "" : "; ") + cite(limit.source) + " (" + limit.extent + ")";
            table.rows.push_back({Cell::of_text(stage.stage), Cell::of_text(condition.condition),
                                  Cell::of_text(condition.nominal_met ? "met" : "not met"),
                                  Cell::of_text(condition.effective == "not_met" ? "not met" : condition.effective),
                                  Cell::of_text(cited(condition.met_by, cite)), Cell::of_text(limits)});
        }
    }
    section.blocks.emplace_back(std::move(table));
    section.blocks.emplace_back(report::Paragraph{
        "A condition is met nominally when a provision commits to it; effectively when no limitation "
        "blocks it (minor: a derogation that does not cover substantially all trade; partial: only "
        "listed sectors; blocking: left to a later agreement). Veto exposure is decision-making depth "
        "(see the depth limitations), not an economic stage."});
    return section;
}

}  // namespace treatykb::cli
