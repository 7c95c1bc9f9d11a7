// Filling the report model from an engine::Analysis. No reasoning happens here: findings,
// readings, verdicts and numbers are the engine's; this file chooses words and layout.
#include "cli/report/analysis_report.hpp"
#include "cli/report/render_util.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "cli/report/authority_report.hpp"
#include "cli/report/power_report.hpp"
#include "cli/report/tidy_tables.hpp"

namespace treatykb::cli {

namespace {

using report::Cell;

std::string severity_name(int severity) {
    switch (severity) {
        case 3: return "high";
        case 2: return "medium";
        case 1: return "low";
        default: return "info";
    }
}

std::string reading_text(const std::string& reading) {
    if (reading == "sanctioned_derogation") return "sanctioned derogation";
    if (reading == "open_conflict") return "open conflict";
    if (reading == "design_choice") return "design choice";
    return reading;
}

std::string domain_label(const engine::Analysis& analysis, const std::string& domain) {
    for (const engine::DomainDepth& depth : analysis.depth.domains)
        if (depth.domain == domain) return depth.label.empty() ? domain : depth.label;
    return domain;
}

using report::detail::join;

// Files cited relative to the project, so that reports read the same on every machine.
std::string relative_file(const std::string& file) {
    static const std::string root = std::string(TREATYKB_SOURCE_DIR) + "/";
    return file.rfind(root, 0) == 0 ? file.substr(root.size()) : file;
}

report::ProofStep proof_step(const engine::ProofNode& node) {
    report::ProofStep step;
    step.statement = node.fact;
    if (!node.rule_id.empty()) step.statement += "   [rule " + node.rule_id + "]";
    if (node.kind == engine::ProofNode::Kind::base_fact) {
        std::string where = relative_file(node.where.file) + ":" + std::to_string(node.where.line);
        if (!node.annotation_id.empty())
            step.statement += "   [annotation " + node.annotation_id + ", " + where + "]";
        else
            step.statement += "   [" + where + "]";
    }
    for (const engine::ProofNode& premise : node.premises) step.premises.push_back(proof_step(premise));
    return step;
}

// The quotes of a provision, Russian (authentic) first, as citations.
// A quote of coded knowledge (`treatykb code`) is marked as such: "[ru, coded]".
void add_quotes(std::vector<report::Citation>& out, const engine::Analysis& analysis,
                const engine::FindingGroup& group, const std::string& provision,
                const CitationLabel& cite, bool primary, const std::set<std::string>& coded_files) {
    // The quotes the finding's proofs rest on; else those of annotations on the provision.
    const engine::ProvisionQuotes* entry = nullptr;
    bool from_proofs = false;
    if (auto own = group.quotes.find(provision); own != group.quotes.end() && !own->second.quotes.empty()) {
        entry = &own->second;
        from_proofs = true;
    } else if (auto any = analysis.quotes.find(provision); any != analysis.quotes.end()) {
        entry = &any->second;
    }
    std::string label = cite(provision);
    if (!entry || entry->quotes.empty()) {
        out.push_back({provision, label, ""});
        return;
    }
    std::vector<engine::QuoteView> quotes = entry->quotes;
    // A limiting provision is quoted in full: every annotation on it, not only the one a proof
    // happened to use (Art. 9(2) caps nationality, requires equal representation and national
    // nomination: three annotations, one finding).
    if (primary && from_proofs) {
        if (auto any = analysis.quotes.find(provision); any != analysis.quotes.end())
            for (const engine::QuoteView& quote : any->second.quotes) {
                bool seen = std::any_of(quotes.begin(), quotes.end(), [&](const engine::QuoteView& q) {
                    return q.lang == quote.lang && q.text == quote.text;
                });
                if (!seen) quotes.push_back(quote);
            }
    }
    std::stable_sort(quotes.begin(), quotes.end(),
                     [](const auto& a, const auto& b) { return a.lang == "ru" && b.lang != "ru"; });
    // Every quote the proofs rest on; otherwise the first quote of each language.
    std::set<std::string> languages;
    for (const engine::QuoteView& quote : quotes) {
        if (!languages.insert(quote.lang).second && !from_proofs) continue;
        out.push_back({provision,
                       label + " [" + quote.lang + (coded_files.count(quote.where.file) ? ", coded]" : "]"),
                       quote.text});
    }
}

std::string verdict_text(const engine::ControlVerdict& verdict) {
    using Outcome = engine::ControlVerdict::Outcome;
    switch (verdict.outcome) {
        case Outcome::none: return "";
        case Outcome::union_exclusive:
            return "Defeasible verdict: " + verdict.literal +
                   " — the single policy prevails; " + join(verdict.defeats, "; ") + ".";
        case Outcome::qualified:
            return "Defeasible verdict: " + verdict.literal +
                   " — the Union's single policy is qualified: " + join(verdict.defeats, "; ") + ".";
        case Outcome::unresolved:
            return "Defeasible verdict: conflict " + verdict.literal +
                   " — no priority (lex superior, specialis, posterior) settles it; instances: " +
                   join(verdict.winners, "; ") + ".";
    }
    return "";
}

report::Finding finding_block(const engine::Analysis& analysis, const engine::FindingGroup& group,
                              std::size_t number,
                              const std::map<std::string, std::pair<std::string, std::string>>& kinds,
                              const CitationLabel& cite, const std::set<std::string>& coded_files) {
    report::Finding finding;
    finding.id = fmt::format("F{}", number);
    auto kind = kinds.find(group.kind);
    std::string title = kind != kinds.end() ? kind->second.first : group.kind;
    finding.title = title + " — " + domain_label(analysis, group.domain);
    finding.severity = severity_name(group.severity);
    std::vector<std::string> primaries, secondaries;
    for (const std::string& p : group.primary_provisions) primaries.push_back(cite(p));
    for (const std::string& p : group.secondary_provisions) secondaries.push_back(cite(p));
    std::string reading = "Reading: " + reading_text(group.reading) + ". " +
                          join(primaries, "; ") + " against " + join(secondaries, "; ") + ".";
    for (const auto& [provision, states] : group.bearers)
        reading += " " + cite(provision) + " concerns " + join(states, ", ") + " only.";
    if (kind != kinds.end()) reading += " " + kind->second.second;
    std::string verdict = verdict_text(group.verdict);
    if (!verdict.empty()) reading += " " + verdict;
    reading += fmt::format(" Depth of {}: nominal {}, effective {:.2f} (0–5).", group.domain,
                           group.nominal, group.effective);
    finding.legal_reading = reading;
    for (const std::string& p : group.primary_provisions) add_quotes(finding.quotes, analysis, group, p, cite, true, coded_files);
    for (const std::string& p : group.secondary_provisions) add_quotes(finding.quotes, analysis, group, p, cite, false, coded_files);
    finding.rule = join(group.rules, ", ");
    if (!group.instances.empty()) finding.proof = proof_step(group.instances.front().proof);
    return finding;
}

// The detail of the depth table (the discounts of each domain, the provisions of its nominal level,
// every limitation with its provisions): an appendix after the findings, which depth_section
// points to.
constexpr const char* depth_appendix_heading = "Appendix: depth by domain, sources and limitations";

// The domains the depth tables list: those with a level or with a sub-domain that has one, so
// that the tree reads correctly.
std::set<std::string> listed_domains(const engine::DepthReport& depth) {
    std::set<std::string> listed;
    for (const engine::DomainDepth& domain : depth.domains) {
        if (domain.nominal == 0) continue;
        for (std::string up = domain.domain; !up.empty();) {
            listed.insert(up);
            auto parent = std::find_if(depth.domains.begin(), depth.domains.end(),
                                       [&](const engine::DomainDepth& d) { return d.domain == up; });
            up = parent == depth.domains.end() ? "" : parent->parent;
        }
    }
    return listed;
}

// "  Customs regulation (from customs)": indented by the domain's depth in the tree.
std::string tree_label(const engine::DomainDepth& domain) {
    std::string label = std::string(static_cast<std::size_t>(domain.tree_depth - 1) * 2, ' ') + domain.label;
    if (!domain.inherited_from.empty()) label += " (from " + domain.inherited_from + ")";
    return label;
}

report::Section depth_section(const engine::DepthReport& depth) {
    report::Section section{"Integration depth by domain", {}};
    section.blocks.emplace_back(report::Paragraph{
        "Nominal depth c_d (0–5) is the level the treaty assigns; effective depth e_d = min(c_d, cap) "
        "× Π(1 − δ) after unilateral permissions, exceptions, transitional regimes, veto points and "
        "reviewable majority decisions (docs/methodology.md). Domains without a level of their own "
        "take their nearest annotated ancestor's. The aggregate depth is the mean over the domains "
        "the instrument's own text covers."});
    report::Table table;
    table.id = "depth";
    table.caption = "Nominal and effective depth";
    table.columns = {"Domain", "Nominal", "Effective", "Cap", "Pooling", "Delegation"};
    report::BarChart chart{"Nominal vs effective depth by domain", "depth (0–5)", {}, {}};
    report::BarSeries nominal{"nominal", {}}, effective{"effective", {}};
    const std::set<std::string> listed = listed_domains(depth);
    for (const engine::DomainDepth& domain : depth.domains) {
        if (domain.parent.empty() || !listed.count(domain.domain)) continue;
        table.rows.push_back(
            {Cell::of_text(tree_label(domain)), Cell::of_number(domain.nominal, 0),
             Cell::of_number(domain.effective, 2),
             Cell::of_text(domain.cap < 5 ? std::to_string(domain.cap) : ""),
             Cell::of_text(domain.has_bodies ? fmt::format("{:.2f}", domain.pooling) : ""),
             Cell::of_text(domain.has_bodies ? fmt::format("{:.2f}", domain.delegation) : "")});
        if (domain.annotated && domain.nominal > 0) {
            chart.categories.push_back(domain.label.empty() ? domain.domain : domain.label);
            nominal.values.push_back(domain.nominal);
            effective.values.push_back(domain.effective);
        }
    }
    chart.series = {std::move(nominal), std::move(effective)};
    section.blocks.emplace_back(std::move(table));
    section.blocks.emplace_back(std::move(chart));
    section.blocks.emplace_back(report::Paragraph{
        "The discounts of each domain, the provisions its nominal level rests on and every limitation "
        "with its provisions are listed after the findings, under “" + std::string(depth_appendix_heading) + "”."});
    return section;
}

report::Section depth_appendix(const engine::DepthReport& depth, const CitationLabel& cite) {
    report::Section section{depth_appendix_heading, {}};
    report::Table table;
    table.id = "depth_sources";
    table.caption = "Discounts (kind −δ, number of provisions) and the provisions of the nominal level";
    table.columns = {"Domain", "Discounts", "Nominal level from"};
    const std::set<std::string> listed = listed_domains(depth);
    for (const engine::DomainDepth& domain : depth.domains) {
        if (domain.parent.empty() || !listed.count(domain.domain)) continue;
        std::vector<std::string> discounts;
        for (const engine::DepthDiscount& discount : domain.discounts)
            discounts.push_back(fmt::format("{} −{:.2f} ({})", discount.kind, discount.delta,
                                            discount.sources.size()));
        std::vector<std::string> sources;
        for (const std::string& source : domain.nominal_sources) sources.push_back(cite(source));
        table.rows.push_back({Cell::of_text(tree_label(domain)), Cell::of_text(join(discounts, "; ")),
                              Cell::of_text(join(sources, "; "))});
    }
    section.blocks.emplace_back(std::move(table));

    // Which limitation lowered which domain, by how much, and the provisions it rests on (the
    // depth_discount rules of kb/rules/depth.xml, one per kind).
    report::Table limits;
    limits.id = "limitations";
    limits.caption = "What lowers effective depth, by domain";
    limits.columns = {"Domain", "Limitation", "δ", "Found in", "Provisions"};
    for (const engine::DomainDepth& domain : depth.domains) {
        if (domain.parent.empty() || domain.nominal == 0) continue;
        if (domain.cap < domain.nominal) {
            std::vector<std::string> sources;
            for (const std::string& source : domain.cap_sources) sources.push_back(cite(source));
            limits.rows.push_back({Cell::of_text(domain.label),
                                   Cell::of_text("capped at " + std::to_string(domain.cap) +
                                                 " (policy reserved to the member states)"),
                                   Cell::of_text(""), Cell::of_text(domain.domain),
                                   Cell::of_text(join(sources, "; "))});
        }
        for (const engine::DepthDiscount& discount : domain.discounts) {
            std::vector<std::string> sources;
            for (const std::string& source : discount.sources) sources.push_back(cite(source));
            limits.rows.push_back({Cell::of_text(domain.label), Cell::of_text(discount.kind),
                                   Cell::of_number(discount.delta, 2), Cell::of_text(discount.domain),
                                   Cell::of_text(join(sources, "; "))});
        }
    }
    section.blocks.emplace_back(std::move(limits));
    return section;
}

}  // namespace

void add_power_section(report::Document& document, const std::vector<engine::BodyPowerResult>& power,
                       const CitationLabel& cite) {
    report::Section overview{"Decision power of the bodies", {}};
    report::Table table;
    table.id = "bodies";
    table.caption = "Decision rules and Coleman's power to act";
    table.columns = {"Body", "Rule", "Source", "Members", "Power to act"};
    std::vector<power::BodyPower> bodies;
    for (const engine::BodyPowerResult& result : power) {
        table.rows.push_back({Cell::of_text(result.body), Cell::of_text(result.power.body.description),
                              Cell::of_text(cite(result.source)),
                              Cell::of_number(double(result.power.indices.members.size()), 0),
                              Cell::of_rational(power::to_string(result.power.indices.power_to_act),
                                                power::to_double(result.power.indices.power_to_act))});
        bodies.push_back(result.power);
    }
    overview.blocks.emplace_back(std::move(table));
    document.sections.push_back(std::move(overview));
    report::Document details = power_report(bodies, {});
    for (report::Section& section : details.sections) document.sections.push_back(std::move(section));
}

std::string annotation_sources(const KnowledgeSummary& knowledge) {
    return fmt::format("{} hand, {} coded ({} coded dropped: hand speaks; {} coded facts left out) — "
                       "--knowledge {}",
                       knowledge.hand_annotations, knowledge.coded_annotations, knowledge.coded_dropped,
                       knowledge.coded_facts_dropped, knowledge.source);
}

report::Document analysis_document(const engine::Analysis& analysis, const engine::Model& model,
                                   const KnowledgeSummary& knowledge, const CitationLabel& cite,
                                   const std::string& command) {
    report::Document document;
    document.title = "treatykb analysis of " + analysis.instrument;
    document.metadata.push_back({"Command", Cell::of_text(command)});
    if (!analysis.as_of.empty())
        document.metadata.push_back(
            {"As of", Cell::of_text(analysis.as_of + " (regimes ended by then do not count; members "
                                                     "at that date)")});
    document.metadata.push_back(
        {"Knowledge", Cell::of_text(fmt::format("{} files, {} annotations, {} facts, {} rules",
                                                knowledge.files, knowledge.annotations,
                                                knowledge.facts, knowledge.rules))});
    if (knowledge.source != "hand")
        document.metadata.push_back({"Annotations", Cell::of_text(annotation_sources(knowledge))});
    document.metadata.push_back(
        {"Evidence", Cell::of_text(fmt::format(
                         "{} quotes verified against the stored texts ({} of them in the enclosing "
                         "provision of a translation not divided as finely as the authentic text)",
                         knowledge.quotes_verified, knowledge.quotes_in_enclosing))});
    for (const std::string& line : knowledge.unverified)
        document.metadata.push_back({"Unverified", Cell::of_text(line)});

    report::Section summary{"Summary", {}};
    std::map<std::string, int> by_reading;
    for (const engine::FindingGroup& group : analysis.findings) ++by_reading[group.reading];
    report::KeyValueList facts;
    facts.items.push_back({"Member states", Cell::of_text(join(analysis.members, ", "))});
    facts.items.push_back({"Findings", Cell::of_number(double(analysis.findings.size()), 0)});
    for (const auto& [reading, count] : by_reading)
        facts.items.push_back({"  " + reading_text(reading), Cell::of_number(count, 0)});
    facts.items.push_back({"Nominal depth (0–1)", Cell::of_number(analysis.depth.nominal_depth, 3)});
    facts.items.push_back({"Effective depth (0–1)", Cell::of_number(analysis.depth.effective_depth, 3)});
    facts.items.push_back({"Scope (domains at a Union level)", Cell::of_number(analysis.depth.scope, 0)});
    facts.items.push_back({"Balassa stage, nominal", Cell::of_text(analysis.depth.nominal_stage)});
    facts.items.push_back({"Balassa stage, effective", Cell::of_text(effective_stage_text(analysis.depth))});
    facts.items.push_back({"Pooling (MIA, 0–1)", Cell::of_number(analysis.depth.pooling, 3)});
    facts.items.push_back({"Delegation (MIA, 0–1)", Cell::of_number(analysis.depth.delegation, 3)});
    summary.blocks.emplace_back(std::move(facts));
    document.sections.push_back(std::move(summary));

    // Findings grouped by domain: the domains in the order of their gravest finding (the engine
    // orders findings by severity), each finding keeping its number F1, F2 ... in that order, the
    // id the tidy tables give it too.
    auto kinds = finding_kinds(model);
    std::vector<report::Section> findings;
    std::map<std::string, std::size_t> section_of;  // domain -> index in findings
    std::size_t number = 0;
    for (const engine::FindingGroup& group : analysis.findings) {
        auto [at, added] = section_of.emplace(group.domain, findings.size());
        if (added)
            findings.push_back(report::Section{"Findings: " + domain_label(analysis, group.domain), {}});
        findings[at->second].blocks.emplace_back(finding_block(analysis, group, ++number, kinds, cite, knowledge.coded_files));
    }
    // Headline figures, then the depth chart and the Balassa ladder, then the findings that
    // explain them, domain by domain: a reader of a paper meets the answer before the evidence.
    document.sections.push_back(depth_section(analysis.depth));
    document.sections.push_back(stage_section(analysis.depth, cite));
    document.sections.push_back(authority_section(analysis.depth.authority, cite));
    for (report::Section& section : findings) document.sections.push_back(std::move(section));
    add_power_section(document, analysis.power, cite);
    // The detail tables the summary points to, after the evidence: a printed summary stays short,
    // and the table of contents leads to them.
    document.sections.push_back(depth_appendix(analysis.depth, cite));
    report::Section authority_detail = authority_appendix(analysis.depth.authority, cite);
    if (!authority_detail.blocks.empty()) document.sections.push_back(std::move(authority_detail));
    return document;
}

}  // namespace treatykb::cli
