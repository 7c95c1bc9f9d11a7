// treatykb show INSTRUMENT PROVISION [--lang ru|en|ru,en] [--as-of DATE] [--format text|json|csv]
// — a provision with its paragraphs and points, what other expressions and recorded amendments say
// about it, and (with --as-of) which expression gives the text in force on a date
// (kb/point_in_time), and (with --refs) the cross-references in its text marked with what
// they resolve to.
#include <nlohmann/json.hpp>

#include <iostream>
#include <map>

#include "cli/report/citation_export.hpp"
#include "cli/common.hpp"
#include "cli/report/data_table.hpp"
#include "cli/parallel_text.hpp"
#include "cli/provision_lookup.hpp"
#include "kb/citation.hpp"
#include "kb/error.hpp"
#include "kb/point_in_time.hpp"

namespace treatykb::cli {

namespace {

std::string list_languages(const std::vector<std::string>& languages) {
    std::string out;
    for (const auto& language : languages)
        out += (out.empty() ? "" : ", ") + language;
    return out;
}

std::string expression_date(const Store& store, const std::string& alias, const std::string& lang) {
    for (const auto& instrument : store.list())
        if (instrument.alias == alias)
            for (const auto& expression : instrument.expressions)
                if (expression.language == lang)
                    return expression.date;
    return {};
}

// "by Протокол … (signed 2019-10-01), ratified by Kazakhstan on 2021-02-15 (Закон РК от 15.02.2021
// № 6-VII)"; the protocol is named only where the catalogue names the act behind the law
// (treaty_texts/corpus.xml, <amending-act>).
std::string describe_amendment(const AmendmentRecord& amendment) {
    std::string out;
    if (!amendment.amending_act.empty())
        out += "by " + amendment.amending_act +
               (amendment.date.empty() ? "" : " (signed " + amendment.date + ")") + ", ";
    else
        out += "by a protocol the source does not name, ";
    if (!amendment.ratification_act.empty())
        out += "ratified by Kazakhstan on " + amendment.ratification_date + " (" +
               amendment.ratification_act + ")";
    else
        out += "date not recorded";
    return out;
}

std::string describe_all(const std::vector<AmendmentRecord>& amendments, const Store& store,
                         const std::string& alias) {
    std::string out;
    for (const auto& amendment : amendments)
        out += (out.empty() ? "" : "; ") + store.citation(alias, amendment.eid) + " " +
               amendment.kind + " " + describe_amendment(amendment);
    return out;
}

// Prints what the corpus can say about the text in force on `date`; returns the language whose
// text to show, or an empty string when none answers.
std::string explain_as_of(const Store& store, const std::string& alias, const std::string& eid,
                          const std::string& lang, const std::string& date) {
    PointInTime reading = read_as_of(store, alias, eid, lang, date);
    std::string citation = store.citation(alias, eid);
    std::string consolidated =
        reading.consolidated_language + " text (consolidated to " + reading.consolidated_to + ")";
    std::cout << "as of " << date << ": ";
    switch (reading.status) {
    case PointInTime::Status::not_in_force:
        std::cout << "the instrument was not yet in force (in force from " << reading.in_force_from
                  << "); no text was in force then\n";
        return {};
    case PointInTime::Status::text_answers:
        if (reading.consolidated_language.empty())
            std::cout << "no amendment of this instrument is recorded in the corpus; the " << lang
                      << " text below is taken as the text in force then\n";
        else if (lang == reading.consolidated_language)
            std::cout << "no amendment of " << citation << " is recorded in the " << consolidated
                      << "; it is the text in force then, as far as the source records\n";
        else
            std::cout << "the " << lang << " text translates the original; "
                      << (reading.ratified_after.empty()
                              ? "no amendment of " + citation + " is recorded"
                              : "the amendments recorded (" +
                                    describe_all(reading.ratified_after, store, alias) +
                                    ") were ratified after that date")
                      << ", so it gives the wording in force then\n";
        break;
    case PointInTime::Status::text_may_differ:
        std::cout << describe_all(reading.ratified_before, store, alias)
                  << "; when that entered into force is not in the corpus, so the " << lang
                  << " text below ("
                  << (lang == reading.consolidated_language
                          ? "consolidated to " + reading.consolidated_to
                          : std::string("the original"))
                  << ") may not be the text in force then\n";
        break;
    case PointInTime::Status::original_answers:
        std::cout << describe_all(reading.ratified_after, store, alias)
                  << " — after that date, so the " << consolidated
                  << " is not the text in force then, and the original Russian wording is not in "
                     "the corpus; the "
                  << reading.language
                  << " expression, an unofficial translation of the original text, answers\n";
        break;
    case PointInTime::Status::no_text_in_corpus:
        std::cout << "the " << consolidated << " is not the text in force then ("
                  << describe_all(reading.ratified_after, store, alias)
                  << "), and the corpus does not hold the earlier wording of " << citation
                  << (reading.ratified_before.empty()
                          ? " in any expression"
                          : " (another amendment, " +
                                describe_all(reading.ratified_before, store, alias) +
                                ", may already have applied)")
                  << "\n";
        return {};
    }
    if (reading.language == reading.consolidated_language && !reading.consolidated_to.empty() &&
        date > reading.consolidated_to)
        std::cout << "note: the consolidated text is current to " << reading.consolidated_to
                  << "; later amendments are not in the corpus\n";
    return reading.language;
}

// Each reference made in the units' own text, marked where it stands:
// "[пунктом 3 настоящей статьи -> Art. 29(3)]", "[... -> unresolved: not_in_expression]".
void mark_references(const Store& store, const std::string& alias, const std::string& eid,
                     const std::string& lang, std::vector<Provision>& units) {
    std::map<std::string, std::map<std::size_t, std::pair<std::string, std::vector<std::string>>>>
        by_unit; // eid -> offset -> (text, targets)
    for (const auto& r : store.references_from(alias, eid, lang)) {
        auto& [text, targets] = by_unit[r.from_eid][r.offset];
        text = r.text;
        if (r.status == "resolved") {
            std::string citation = store.citation(alias, r.to_eid);
            std::size_t comma = citation.find(", ");
            targets.push_back(comma == std::string::npos ? citation : citation.substr(comma + 2));
        } else {
            targets.push_back(r.status + ": " + r.reason);
        }
    }
    for (auto& unit : units) {
        auto found = by_unit.find(unit.eid);
        if (found == by_unit.end())
            continue;
        for (auto at = found->second.rbegin(); at != found->second.rend(); ++at) {
            const auto& [offset, marked] = *at;
            const auto& [text, targets] = marked;
            if (unit.text.compare(offset, text.size(), text) != 0)
                continue; // the stored text changed since the references were resolved
            std::string label;
            for (const auto& target : targets)
                label += (label.empty() ? "" : "; ") + target;
            unit.text.replace(offset, text.size(), "[" + text + " -> " + label + "]");
        }
    }
}

std::vector<std::string> split_languages(const std::string& list) {
    std::vector<std::string> out;
    std::string item;
    for (char c : list + ",") {
        if (c == ',') {
            if (!item.empty()) out.push_back(item);
            item.clear();
        } else if (c != ' ') {
            item += c;
        }
    }
    return out;
}

// `show eaeu 47 --lang ru,en`: the expressions side by side, aligned by eId.
void show_side_by_side(const Store& store, const std::string& alias, const std::string& reference,
                       const std::string& list, const std::string& format) {
    std::vector<std::string> wanted = split_languages(list);
    auto languages = store.languages(alias);
    for (const std::string& lang : wanted)
        if (!store.has_expression(alias, lang))
            throw Error("\"" + alias + "\" has no " + lang + " expression", {},
                        "it has: " + list_languages(languages));
    // The provision, found in the first expression that has it.
    std::string eid;
    for (std::size_t i = 0; i < wanted.size() && eid.empty(); ++i) {
        try {
            eid = resolve_provision(store, alias, reference, wanted[i]).eid;
        } catch (const Error&) {
            if (i + 1 == wanted.size()) throw;
        }
    }
    std::vector<ExpressionText> expressions;
    std::vector<std::string> notes;
    DataTable table{"provisions",
                    {"instrument", "language", "eid", "parent_eid", "kind", "number", "label",
                     "heading", "text"},
                    {}};
    for (const std::string& lang : wanted) {
        ExpressionText expression{lang, {}, {}};
        if (store.provision(alias, eid, lang))
            expression.units = store.subtree(alias, eid, lang);
        else
            notes.push_back("the " + lang + " expression has no " + eid);
        for (const auto& amendment : store.amendments(alias, lang))
            expression.amended.push_back(amendment.eid);
        for (const Provision& unit : expression.units)
            table.add({alias, lang, unit.eid, unit.parent_eid, unit.kind, unit.number,
                       display_marker(unit), unit.heading, unit.text});
        expressions.push_back(std::move(expression));
    }
    if (format == "csv") {
        std::cout << to_csv(table);
        return;
    }
    if (format == "json") {
        nlohmann::json out{{"instrument", alias},  {"eid", eid},
                           {"languages", wanted},  {"citation", store.citation(alias, eid)},
                           {"provisions", to_json(table)}, {"notes", notes}};
        std::cout << out.dump(2) << "\n";
        return;
    }
    std::cout << store.citation(alias, eid) << "  [" << alias << "#" << eid << ", " << list
              << "]\n";
    std::cout << render_side_by_side(expressions, 60);
    for (const std::string& line : notes)
        std::cout << "note: " << line << "\n";
}

void run_show(const std::string& instrument, const std::string& reference, std::string lang,
              const std::string& as_of, bool references, const std::string& format,
              const std::string& cite, Options& options) {
    if (!as_of.empty() && !is_iso_date(as_of))
        throw Error("--as-of needs a date YYYY-MM-DD, not \"" + as_of + "\"", {},
                    "e.g. --as-of 2016-01-01");
    Store store(database_path(options), StoreAccess::read_only);
    ReadSnapshot snapshot(store); // every read of the command: one committed state
    std::string alias = require_instrument(store, instrument);
    auto languages = store.languages(alias);
    if (lang.find(',') != std::string::npos) {
        show_side_by_side(store, alias, reference, lang, format);
        return;
    }
    if (lang.empty())
        lang = store.authentic_language(alias).value_or(languages.front());
    if (!store.has_expression(alias, lang))
        throw Error("\"" + alias + "\" has no " + lang + " expression", {},
                    "it has: " + list_languages(languages));
    ResolvedProvision resolved = resolve_provision(store, alias, reference, lang);
    std::optional<std::string> eid = resolved.eid;
    std::string note = resolved.note;
    if (!cite.empty()) {
        std::cout << render_citations({cite_provision(store, alias, resolved.eid, lang)}, cite);
        return;
    }
    if (!as_of.empty()) {
        std::string answering = explain_as_of(store, alias, *eid, lang, as_of);
        if (answering.empty())
            return;
        if (answering != lang)
            note.clear(); // the note was about the requested expression
        lang = answering;
    }
    std::vector<std::string> notes;
    if (!note.empty())
        notes.push_back(note);
    // Amendments recorded for this provision or the article it belongs to, in any expression.
    std::vector<std::string> scope = eid_prefixes(*eid);
    for (const auto& other : languages) {
        for (const auto& amendment : store.amendments(alias, other)) {
            bool concerns = false;
            for (const auto& prefix : scope)
                concerns = concerns || amendment.eid == prefix;
            if (!concerns)
                continue;
            if (other == lang) {
                notes.push_back(amendment.kind + " " + describe_amendment(amendment) + " (" +
                                amendment.note + ")");
            } else if (store.provision(alias, *eid, lang)) {
                notes.push_back("the " + other + " expression records that " +
                                store.citation(alias, amendment.eid) + " was " + amendment.kind +
                                " " + describe_amendment(amendment) + "; this " + lang + " text (" +
                                expression_date(store, alias, lang) + ") may differ from it");
            }
        }
    }
    for (const auto& other : languages)
        if (other != lang && !store.provision(alias, *eid, other))
            notes.push_back("the " + other + " expression has no " + *eid);
    std::vector<Provision> units = store.subtree(alias, *eid, lang);
    if (references)
        mark_references(store, alias, *eid, lang, units);
    std::string citation = store.citation(alias, *eid);
    if (format == "text") {
        std::cout << citation << "  [" << alias << "#" << *eid << ", " << lang << "]\n";
        std::cout << render_tree(units);
        for (const std::string& line : notes)
            std::cout << "note: " << line << "\n";
        return;
    }
    DataTable table{"provisions",
                    {"instrument", "language", "eid", "parent_eid", "kind", "number", "label",
                     "heading", "text"},
                    {}};
    for (const Provision& unit : units)
        table.add({alias, lang, unit.eid, unit.parent_eid, unit.kind, unit.number,
                   display_marker(unit), unit.heading, unit.text});
    if (format == "csv") {
        std::cout << to_csv(table);
        return;
    }
    nlohmann::json out{{"instrument", alias},   {"eid", *eid},
                       {"language", lang},      {"citation", citation},
                       {"provisions", to_json(table)}, {"notes", notes}};
    std::cout << out.dump(2) << "\n";
}

} // namespace

void register_show(CLI::App& app, Options& options) {
    auto instrument = std::make_shared<std::string>();
    auto reference = std::make_shared<std::string>();
    auto language = std::make_shared<std::string>();
    auto format = std::make_shared<std::string>("text");
    auto cite = std::make_shared<std::string>();
    auto as_of = std::make_shared<std::string>();
    auto references = std::make_shared<bool>(false);
    CLI::App* command =
        app.add_subcommand("show", "Show a provision: 47, art_47__para_1, \"Art. 47(1)\"");
    command->add_option("instrument", *instrument, "Alias, e.g. eaeu")->required();
    command->add_option("provision", *reference, "Article number, eId or citation")->required();
    command->add_option("--lang", *language,
                        "ru or en (default: the authentic language); ru,en side by side");
    command->add_option("--as-of", *as_of,
                        "YYYY-MM-DD: the text in force on that date, where the corpus knows it");
    add_data_format_option(*command, *format);
    command->add_option("--cite", *cite, "Print the provision's citation instead: text, bibtex, "
                                         "csl-json or ris")
        ->check(CLI::IsMember(citation_formats()));
    command->add_flag("--refs", *references,
                      "Mark each cross-reference in the text with what it resolves to");
    command->callback([instrument, reference, language, as_of, references, format, cite, &options] {
        run_show(*instrument, *reference, *language, *as_of, *references, *format, *cite,
                 options);
    });
}

} // namespace treatykb::cli
