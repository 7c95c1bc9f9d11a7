#include "cli/serve/reader.hpp"

#include <algorithm>
#include <set>
#include <string_view>

#include "cli/report/analysis_report.hpp"
#include "cli/common.hpp"
#include "cli/report/report.hpp"
#include "kb/error.hpp"

namespace treatykb::cli::serve {

namespace {

// "eaeu#art_47" -> {"eaeu", "art_47"}
std::pair<std::string, std::string> split_provision(const std::string& provision) {
    std::size_t hash = provision.find('#');
    if (hash == std::string::npos) return {provision, ""};
    return {provision.substr(0, hash), provision.substr(hash + 1)};
}

// True when `provision` is `root` or lies below it (art_47__para_1 below art_47).
// Compared in place: a site asks this about every finding's provisions for each of thousands
// of pages, and building `root + "__"` per call was most of the allocations of `treatykb site`.
bool within(std::string_view provision, std::string_view root) {
    return provision.starts_with(root) &&
           (provision.size() == root.size() || provision.substr(root.size()).starts_with("__"));
}

// Files cited relative to the project, so that pages read the same on every machine.
std::string relative_file(const std::string& file) {
    static const std::string root = std::string(TREATYKB_SOURCE_DIR) + "/";
    return file.rfind(root, 0) == 0 ? file.substr(root.size()) : file;
}

Json provision_reference(Store& store, const std::string& provision) {
    auto [instrument, eid] = split_provision(provision);
    std::string label = provision;
    if (!eid.empty() && store.resolve_alias(instrument)) label = store.citation(instrument, eid);
    return Json{{"provision", provision}, {"instrument", instrument}, {"eid", eid}, {"label", label}};
}

Json proof_json(Store& store, const engine::ProofNode& node) {
    Json out{{"kind", std::string(engine::proof_kind_name(node.kind))}, {"fact", node.fact}};
    if (!node.rule_id.empty()) out["rule"] = node.rule_id;
    if (!node.where.file.empty())
        out["where"] = relative_file(node.where.file) + ":" + std::to_string(node.where.line);
    if (!node.annotation_id.empty()) out["annotation"] = node.annotation_id;
    if (!node.provision.empty()) out["provision"] = provision_reference(store, node.provision);
    Json quotes = Json::array();
    for (const engine::QuoteView& quote : node.quotes)
        quotes.push_back(Json{{"lang", quote.lang}, {"text", quote.text}});
    out["quotes"] = quotes;
    out["defeated"] = node.defeated;
    Json premises = Json::array();
    for (const engine::ProofNode& premise : node.premises) premises.push_back(proof_json(store, premise));
    out["premises"] = premises;
    return out;
}

Json instrument_json(const InstrumentSummary& instrument) {
    Json languages = Json::array();
    std::string authentic;
    for (const ExpressionSummary& expression : instrument.expressions) {
        languages.push_back(Json{{"language", expression.language},
                                 {"authentic", expression.authentic},
                                 {"date", expression.date},
                                 {"provisions", expression.provisions},
                                 {"articles", expression.articles},
                                 {"amendments", expression.amendments}});
        if (expression.authentic && authentic.empty()) authentic = expression.language;
    }
    if (authentic.empty() && !instrument.expressions.empty())
        authentic = instrument.expressions.front().language;
    return Json{{"alias", instrument.alias},
                {"title", instrument.title},
                {"short_title", instrument.short_title},
                {"type", instrument.type},
                {"date_signed", instrument.date_signed},
                {"date_in_force", instrument.date_in_force},
                {"parties", instrument.parties},
                {"other_aliases", instrument.other_aliases},
                {"authentic", authentic},
                {"expressions", languages}};
}

bool has_word(const std::string& words, const std::string& word) {
    std::size_t start = 0;
    while (start < words.size()) {
        std::size_t end = words.find(' ', start);
        if (end == std::string::npos) end = words.size();
        if (words.compare(start, end - start, word) == 0) return true;
        start = end + 1;
    }
    return false;
}

// Units listed in a table of contents: the skeleton, not the paragraphs and points (those are on
// the provision pages).
bool skeleton_kind(const std::string& kind) {
    static const std::set<std::string> detail{"paragraph", "point", "subpoint", "item", "indent",
                                              "wrapUp"};
    return !detail.count(kind);
}

} // namespace

// ---- StorePool ----------------------------------------------------------------------------------

StorePool::StorePool(std::string path) : path_(std::move(path)) {}

StorePool::Lease::Lease(StorePool& pool, std::unique_ptr<Store> store)
    : pool_(pool), store_(std::move(store)), snapshot_(std::make_unique<ReadSnapshot>(*store_)) {}

StorePool::Lease::~Lease() {
    snapshot_.reset();
    std::lock_guard lock(pool_.mutex_);
    pool_.idle_.push_back(std::move(store_));
}

StorePool::Lease StorePool::acquire() {
    {
        std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            std::unique_ptr<Store> store = std::move(idle_.back());
            idle_.pop_back();
            return Lease(*this, std::move(store));
        }
    }
    return Lease(*this, std::make_unique<Store>(path_, StoreAccess::read_only));
}

// ---- Reader -------------------------------------------------------------------------------------

Reader::Reader(std::string database, std::optional<VerifiedKnowledge> knowledge,
               std::string population_table, std::string seat_table_folder)
    : stores_(std::move(database)), population_table_(std::move(population_table)),
      seat_table_folder_(std::move(seat_table_folder)) {
    if (!knowledge) return;
    summary_ = knowledge->summary;
    const engine::Program& program = knowledge->program;
    for (const engine::Annotation& annotation : program.annotations) {
        Json quotes = Json::array();
        for (std::size_t index : annotation.evidence) {
            const engine::Evidence& evidence = program.evidence[index];
            quotes.push_back(Json{{"provision", evidence.provision},
                                  {"lang", evidence.lang},
                                  {"text", evidence.quote}});
        }
        Json& list = annotations_[annotation.provision];
        if (list.is_null()) list = Json::array();
        list.push_back(Json{{"id", annotation.id},
                            {"provision", annotation.provision},
                            {"note", annotation.note},
                            {"where", relative_file(annotation.where.file) + ":" +
                                          std::to_string(annotation.where.line)},
                            {"quotes", quotes}});
    }
    model_ = engine::evaluate(std::move(knowledge->program));
}

Reader::~Reader() = default;

std::string Reader::canonical(Store& store, std::string_view instrument) {
    if (auto alias = store.resolve_alias(instrument)) return *alias;
    throw NotFound("unknown instrument \"" + std::string(instrument) + "\"");
}

Json Reader::instrument_info(Store& store, const std::string& alias) {
    std::lock_guard lock(instruments_mutex_);
    if (instruments_.empty())
        for (const InstrumentSummary& summary : store.list()) instruments_[summary.alias] = instrument_json(summary);
    auto found = instruments_.find(alias);
    return found == instruments_.end() ? Json{{"alias", alias}, {"authentic", ""}} : found->second;
}

Json Reader::instruments(const InstrumentFilter& filter) {
    auto store = stores_.acquire();
    Json list = Json::array();
    for (const InstrumentSummary& instrument : store->list()) {
        if (!filter.party.empty() && !has_word(instrument.parties, filter.party)) continue;
        if (!filter.year.empty() && instrument.date_signed.rfind(filter.year, 0) != 0) continue;
        if (!filter.type.empty() && instrument.type != filter.type) continue;
        list.push_back(instrument_json(instrument));
    }
    return Json{{"filter", {{"party", filter.party}, {"year", filter.year}, {"type", filter.type}}},
                {"instruments", list}};
}

Json Reader::toc(std::string_view instrument_name) {
    auto store = stores_.acquire();
    std::string alias = canonical(*store, instrument_name);
    Json instrument = instrument_info(*store, alias);
    std::string lang = instrument["authentic"].get<std::string>();
    std::map<std::string, int> depth;
    Json units = Json::array();
    for (const Provision& unit : store->provisions(alias, lang)) {
        auto parent = depth.find(unit.parent_eid);
        int level = parent == depth.end() ? 0 : parent->second + 1;
        depth[unit.eid] = level;
        if (!skeleton_kind(unit.kind)) continue;
        units.push_back(Json{{"eid", unit.eid},
                             {"kind", unit.kind},
                             {"marker", display_marker(unit)},
                             {"heading", unit.heading},
                             {"depth", level}});
    }
    return Json{{"instrument", std::move(instrument)}, {"language", lang}, {"units", std::move(units)}};
}

Json Reader::provision(std::string_view instrument_name, std::string_view requested) {
    auto store = stores_.acquire();
    std::string alias = canonical(*store, instrument_name);
    std::vector<std::string> languages = store->languages(alias);
    std::string authentic = store->authentic_language(alias).value_or(
        languages.empty() ? std::string() : languages.front());
    std::string eid(requested);
    if (!store->provision(alias, eid, authentic)) {
        bool elsewhere = false;
        for (const std::string& lang : languages) elsewhere = elsewhere || store->provision(alias, eid, lang);
        if (!elsewhere) {
            // "47", "Art. 47(1)" and the like, as `treatykb show` accepts them.
            std::optional<std::string> resolved;
            if (requested.size() <= max_query_length)
                resolved = store->resolve_reference(alias, requested, authentic);
            if (!resolved) throw NotFound("no provision \"" + eid + "\" in " + alias);
            eid = *resolved;
        }
    }
    // Rows aligned by eId: the authentic expression's order first, then units only the other
    // expressions have, in their order.
    std::vector<std::string> order;
    std::map<std::string, Json> rows;
    std::map<std::string, int> depth;
    for (const std::string& lang : languages) {
        std::vector<Provision> units = store->subtree(alias, eid, lang);
        for (const Provision& unit : units) {
            auto parent = depth.find(unit.parent_eid);
            int level = unit.eid == eid || parent == depth.end() ? 0 : parent->second + 1;
            if (!depth.count(unit.eid)) depth[unit.eid] = level;
            Json& row = rows[unit.eid];
            if (row.is_null()) {
                row = Json{{"eid", unit.eid},
                           {"kind", unit.kind},
                           {"marker", unit.kind == "wrapUp" ? "" : display_marker(unit)},
                           {"depth", depth[unit.eid]},
                           {"texts", Json::object()}};
                order.push_back(unit.eid);
            }
            row["texts"][lang] = Json{{"heading", unit.heading}, {"text", unit.text}};
        }
    }
    Json aligned = Json::array();
    for (const std::string& id : order) aligned.push_back(std::move(rows[id]));

    Json breadcrumb = Json::array();
    for (std::optional<Provision> up = store->provision(alias, eid, authentic); up && !up->parent_eid.empty();) {
        up = store->provision(alias, up->parent_eid, authentic);
        if (up) breadcrumb.insert(breadcrumb.begin(), Json{{"eid", up->eid}, {"label", display_marker(*up)}});
    }

    Json amendments = Json::array();
    for (const std::string& lang : languages)
        for (const AmendmentRecord& record : store->amendments_in(alias, eid, lang))
            amendments.push_back(Json{{"language", lang},
                                      {"eid", record.eid},
                                      {"date", record.date},
                                      {"amending_act", record.amending_act},
                                      {"kind", record.kind},
                                      {"ratification_act", record.ratification_act},
                                      {"ratification_date", record.ratification_date},
                                      {"note", record.note}});

    // Cross-references stored at ingest (kb/reference_resolver), per expression: what the
    // provision and its parts cite, and what cites them. A whole annex cites and is cited by
    // hundreds of provisions: each list keeps its first max_references rows and says how many
    // there are.
    Json references = Json::array(), cited_by = Json::array();
    std::size_t references_total = 0, cited_by_total = 0;
    // Many references of one provision name the same target ("настоящего Договора", Annex 7).
    std::map<std::string, std::string, std::less<>> citations;
    auto citation = [&](const std::string& target) -> const std::string& {
        auto found = citations.find(target);
        if (found == citations.end()) found = citations.emplace(target, store->citation(alias, target)).first;
        return found->second;
    };
    for (const std::string& lang : languages) {
        for (const StoredReference& r : store->references_from(alias, eid, lang)) {
            if (references_total++ >= max_references) continue;
            Json row{{"language", lang},         {"from_eid", r.from_eid}, {"text", r.text},
                     {"status", r.status},       {"manner", r.manner},     {"kind", r.kind},
                     {"to_eid", nullptr},        {"to_citation", nullptr}, {"reason", r.reason}};
            if (r.status == "resolved") {
                row["to_eid"] = r.to_eid;
                row["to_citation"] = citation(r.to_eid);
            }
            references.push_back(std::move(row));
        }
        for (const StoredReference& r : store->references_to(alias, eid, lang)) {
            if (cited_by_total++ >= max_references) continue;
            cited_by.push_back(Json{{"language", lang},
                                    {"from_eid", r.from_eid},
                                    {"from_citation", citation(r.from_eid)},
                                    {"text", r.text},
                                    {"to_eid", r.to_eid},
                                    {"manner", r.manner}});
        }
    }

    std::string reference = alias + "#" + eid;
    Json annotations = Json::array();
    for (auto it = annotations_.lower_bound(reference); it != annotations_.end() && within(it->first, reference); ++it)
        for (const Json& annotation : it->second) annotations.push_back(annotation);

    // Moved, not copied: an initializer list copies the lvalues it is given.
    Json out{{"instrument", instrument_info(*store, alias)},
             {"eid", eid},
             {"provision", reference},
             {"citation", citation(eid)},
             {"languages", languages},
             {"authentic", authentic},
             {"breadcrumb", std::move(breadcrumb)},
             {"rows", std::move(aligned)},
             {"amendments", std::move(amendments)},
             {"annotations", std::move(annotations)},
             {"findings", finding_summaries(alias, reference)},
             {"references", std::move(references)},
             {"references_total", references_total},
             {"cited_by", std::move(cited_by)},
             {"cited_by_total", cited_by_total}};
    return out;
}

Json Reader::finding_summaries(const std::string& alias, const std::string& provision) {
    Json out = Json::array();
    if (!model_) return out;
    report(alias); // builds the report and its finding keys once
    const std::vector<FindingKey>* keys = nullptr;
    {
        std::lock_guard lock(mutex_);
        auto found = finding_keys_.find(alias);
        if (found == finding_keys_.end()) return out;
        keys = &found->second; // entries are never erased
    }
    auto near = [&provision](const std::string& p) { return within(p, provision) || within(provision, p); };
    for (const FindingKey& key : *keys) {
        std::string role;
        if (std::any_of(key.primary.begin(), key.primary.end(), near))
            role = "limiting provision";
        else if (std::any_of(key.secondary.begin(), key.secondary.end(), near))
            role = "limited provision";
        else if (std::any_of(key.quoted.begin(), key.quoted.end(),
                             [&provision](const std::string& q) { return within(q, provision); }))
            role = "quoted";
        if (role.empty()) continue;
        Json summary = key.summary;
        summary["role"] = role;
        out.push_back(std::move(summary));
    }
    return out;
}

Json Reader::search(std::string_view query, std::string_view language, std::string_view instrument,
                    int limit) {
    if (query.find_first_not_of(" \t\r\n") == std::string_view::npos)
        throw BadRequest("the search query is empty");
    if (query.size() > max_query_length)
        throw BadRequest("the search query is longer than " + std::to_string(max_query_length) +
                         " bytes");
    if (language.size() > 3 || !std::all_of(language.begin(), language.end(),
                                            [](char c) { return c >= 'a' && c <= 'z'; }))
        throw BadRequest("lang must be a language code such as ru or en");
    if (limit < 1 || limit > max_search_hits)
        throw BadRequest("limit must be between 1 and " + std::to_string(max_search_hits));
    auto store = stores_.acquire();
    SearchOptions options;
    options.language = std::string(language);
    options.limit = limit;
    if (!instrument.empty()) options.instrument = canonical(*store, instrument);
    std::vector<SearchHit> hits;
    try {
        hits = store->search(query, options);
    } catch (const Error& e) {
        throw BadRequest(e.message() + (e.hint().empty() ? "" : " (" + e.hint() + ")"));
    }
    Json list = Json::array();
    for (const SearchHit& hit : hits)
        list.push_back(Json{{"instrument", hit.instrument},
                            {"eid", hit.eid},
                            {"language", hit.language},
                            {"citation", hit.citation},
                            {"heading", hit.heading},
                            {"snippet", hit.snippet},
                            {"score", hit.score}});
    return Json{{"query", query}, {"language", language}, {"instrument", options.instrument},
                {"hits", std::move(list)}};
}

const engine::Analysis& Reader::analysis(const std::string& alias) {
    auto found = analyses_.find(alias);
    if (found != analyses_.end()) return found->second;
    engine::AnalysisOptions options;
    options.population_table = population_table_;
    options.seat_table_folder = seat_table_folder_;
    return analyses_.emplace(alias, engine::analyze(*model_, alias, options)).first->second;
}

const Json& Reader::report(std::string_view instrument_name) {
    {
        std::lock_guard lock(mutex_);
        if (auto cached = reports_.find(std::string(instrument_name)); cached != reports_.end())
            return cached->second;
    }
    auto store = stores_.acquire();
    std::string alias = canonical(*store, instrument_name);
    if (!model_) throw NotFound("the knowledge base was rejected at start; no analysis to show");
    std::lock_guard lock(mutex_);
    if (auto cached = reports_.find(alias); cached != reports_.end()) return cached->second;
    const engine::Analysis& result = analysis(alias);
    Store& texts = *store;
    CitationLabel cite = [&texts](const std::string& provision) {
        return provision_reference(texts, provision)["label"].get<std::string>();
    };
    std::string command = "treatykb serve: report " + alias;
    if (summary_->source != "hand") command += " --knowledge " + summary_->source;
    report::Document document = analysis_document(result, *model_, *summary_, cite, command);
    Json document_json = Json::parse(report::render_json(document));
    // The findings are given below with their proof trees; the document keeps the other sections.
    Json finding_blocks = Json::array();
    Json sections = Json::array();
    for (Json& section : document_json["sections"]) {
        bool findings_section = false;
        for (Json& block : section["blocks"])
            if (block["type"] == "finding") {
                finding_blocks.push_back(block);
                findings_section = true;
            }
        if (!findings_section) sections.push_back(section);
    }
    document_json["sections"] = sections;
    std::map<std::string, std::string> domain_labels;
    for (const engine::DomainDepth& depth : result.depth.domains)
        domain_labels[depth.domain] = depth.label.empty() ? depth.domain : depth.label;
    Json findings = Json::array();
    for (std::size_t i = 0; i < result.findings.size() && i < finding_blocks.size(); ++i) {
        const engine::FindingGroup& group = result.findings[i];
        const Json& block = finding_blocks[i];
        Json primary = Json::array(), secondary = Json::array(), quotes = Json::array(), proofs = Json::array();
        for (const std::string& p : group.primary_provisions) primary.push_back(provision_reference(texts, p));
        for (const std::string& p : group.secondary_provisions) secondary.push_back(provision_reference(texts, p));
        for (const Json& quote : block["quotes"]) {
            Json reference = provision_reference(texts, quote["provision"].get<std::string>());
            reference["label"] = quote["label"];
            reference["text"] = quote["quote"];
            quotes.push_back(reference);
        }
        for (const engine::FindingInstance& instance : group.instances) {
            Json proof = proof_json(texts, instance.proof);
            proofs.push_back(Json{{"primary", provision_reference(texts, instance.primary)},
                                  {"secondary", provision_reference(texts, instance.secondary)},
                                  {"reading", instance.reading},
                                  {"rule", instance.rule_id},
                                  {"proof", proof}});
        }
        auto label = domain_labels.find(group.domain);
        findings.push_back(Json{{"id", block["id"]},
                                {"title", block["title"]},
                                {"severity", block["severity"]},
                                {"kind", group.kind},
                                {"domain", group.domain},
                                {"domain_label", label == domain_labels.end() ? group.domain : label->second},
                                {"reading", group.reading},
                                {"legal_reading", block["legal_reading"]},
                                {"rules", group.rules},
                                {"primary", primary},
                                {"secondary", secondary},
                                {"quotes", quotes},
                                {"instances", proofs}});
    }
    std::vector<FindingKey> keys;
    for (const Json& finding : findings) {
        FindingKey key{Json{{"id", finding["id"]},
                            {"title", finding["title"]},
                            {"severity", finding["severity"]},
                            {"instrument", alias}},
                       {}, {}, {}};
        for (const Json& p : finding["primary"]) key.primary.push_back(p["provision"]);
        for (const Json& p : finding["secondary"]) key.secondary.push_back(p["provision"]);
        for (const Json& q : finding["quotes"]) key.quoted.push_back(q["provision"]);
        keys.push_back(std::move(key));
    }
    finding_keys_.emplace(alias, std::move(keys));
    Json out{{"instrument", alias}, {"document", document_json}, {"findings", findings}};
    return reports_.emplace(alias, std::move(out)).first->second;
}

Json Reader::power(std::string_view instrument_name) {
    auto store = stores_.acquire();
    std::string alias = canonical(*store, instrument_name);
    if (!model_) throw NotFound("the knowledge base was rejected at start; no analysis to show");
    std::lock_guard lock(mutex_);
    const engine::Analysis& result = analysis(alias);
    Store& texts = *store;
    CitationLabel cite = [&texts](const std::string& provision) {
        return provision_reference(texts, provision)["label"].get<std::string>();
    };
    report::Document document;
    document.title = "Decision power of the bodies of " + alias;
    add_power_section(document, result.power, cite);
    return Json{{"instrument", alias}, {"document", Json::parse(report::render_json(document))}};
}

Json Reader::compare(const std::vector<std::string>& names) {
    if (names.empty()) throw BadRequest("name at least one instrument: ?i=eaeu&i=teu");
    if (names.size() > 12) throw BadRequest("at most 12 instruments can be compared at once");
    auto store = stores_.acquire();
    std::vector<std::string> aliases;
    for (const std::string& name : names) aliases.push_back(canonical(*store, name));
    if (!model_) throw NotFound("the knowledge base was rejected at start; no analysis to show");
    std::string key;
    for (const std::string& alias : aliases) key += alias + " ";
    std::lock_guard lock(mutex_);
    if (auto cached = comparisons_.find(key); cached != comparisons_.end()) return cached->second;
    std::vector<engine::Analysis> analyses;
    for (const std::string& alias : aliases) analyses.push_back(analysis(alias));
    report::Document document = comparison_document(analyses, "treatykb compare " + key);
    Json out{{"instruments", aliases}, {"document", Json::parse(report::render_json(document))}};
    if (comparisons_.size() < 64) comparisons_.emplace(key, out);
    return out;
}

std::vector<std::string> Reader::analysed_instruments() {
    std::vector<std::string> out;
    if (!model_) return out;
    std::set<std::string> candidates;
    for (const auto& [provision, list] : annotations_) candidates.insert(split_provision(provision).first);
    auto store = stores_.acquire();
    std::lock_guard lock(mutex_);
    for (const std::string& instrument : candidates) {
        std::optional<std::string> alias = store->resolve_alias(instrument);
        if (!alias || std::find(out.begin(), out.end(), *alias) != out.end()) continue;
        const engine::Analysis& result = analysis(*alias);
        if (!result.findings.empty() || !result.power.empty()) out.push_back(*alias);
    }
    return out;
}

long long Reader::generation() {
    auto store = stores_.acquire();
    return store->generation();
}

Json Reader::search_index(const std::vector<std::string>& only) {
    auto store = stores_.acquire();
    Json instruments = Json::object();
    Json entries = Json::array();
    for (const InstrumentSummary& instrument : store->list()) {
        if (!only.empty() && std::find(only.begin(), only.end(), instrument.alias) == only.end())
            continue;
        instruments[instrument.alias] =
            instrument.short_title.empty() ? instrument.alias : instrument.short_title;
        for (const ExpressionSummary& expression : instrument.expressions)
            for (const Provision& unit : store->provisions(instrument.alias, expression.language)) {
                if (unit.text.empty() && unit.heading.empty()) continue;
                entries.push_back(Json::array({instrument.alias, unit.eid, expression.language,
                                               store->citation(instrument.alias, unit.eid),
                                               unit.heading, unit.text}));
            }
    }
    return Json{{"format", "entries: [instrument, eId, language, citation, heading, text]"},
                {"instruments", instruments},
                {"entries", entries}};
}

} // namespace treatykb::cli::serve
