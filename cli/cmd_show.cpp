// treatykb show INSTRUMENT PROVISION [--lang ru|en] — a provision with its paragraphs and points,
// and what other expressions and recorded amendments say about it.
#include <iostream>

#include "cli/common.hpp"
#include "kb/citation.hpp"
#include "kb/error.hpp"

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

void run_show(const std::string& instrument, const std::string& reference, std::string lang,
              Options& options) {
    Store store(database_path(options), StoreAccess::read_only);
    std::string alias = store.require_instrument(instrument);
    auto languages = store.languages(alias);
    if (lang.empty())
        lang = store.authentic_language(alias).value_or(languages.front());
    if (!store.has_expression(alias, lang))
        throw Error("\"" + alias + "\" has no " + lang + " expression", {},
                    "it has: " + list_languages(languages));
    auto eid = store.resolve_reference(alias, reference, lang);
    std::string note;
    if (!eid) {
        // "Art. 47(1)" / art_47__para_1 of an article without numbered paragraphs: the article
        // is its own single paragraph (docs/corpus.md), so show it and say so.
        std::string wanted = reference;
        if (auto parsed = parse_reference(reference);
            parsed.parts.size() == 1 && parsed.parts[0] == "1")
            wanted = parsed.root + "__para_1";
        if (wanted.ends_with("__para_1")) {
            std::string article = wanted.substr(0, wanted.size() - 8);
            bool has_paragraphs = false;
            for (const auto& unit : store.subtree(alias, article, lang))
                has_paragraphs =
                    has_paragraphs || (unit.kind == "paragraph" && unit.parent_eid == article);
            if (store.provision(alias, article, lang) && !has_paragraphs) {
                eid = article;
                note = "note: " + store.citation(alias, article) +
                       " has no numbered paragraphs; this is its whole text\n";
            }
        }
    }
    if (!eid) {
        for (const auto& other : languages) {
            if (other == lang)
                continue;
            if (auto elsewhere = store.resolve_reference(alias, reference, other))
                throw Error("the " + lang + " expression of " + alias + " has no provision " +
                                *elsewhere + " (" + store.citation(alias, *elsewhere) + ")",
                            {},
                            "it is in the " + other + " expression: treatykb show " + alias + " " +
                                *elsewhere + " --lang " + other,
                            *elsewhere);
        }
        throw Error("no provision \"" + reference + "\" in " + alias, {},
                    "give an article number (47), an eId (art_47__para_1) or a citation "
                    "(\"Art. 47(1)\", \"Annex 7, point 50\"); `treatykb toc " +
                        alias + "` lists them",
                    reference);
    }
    std::cout << store.citation(alias, *eid) << "  [" << alias << "#" << *eid << ", " << lang
              << "]\n";
    std::cout << render_tree(store.subtree(alias, *eid, lang)) << note;
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
                std::cout << "note: " << amendment.kind << " by " << amendment.amending_act << " ("
                          << amendment.note << ")\n";
            } else if (store.provision(alias, *eid, lang)) {
                std::cout << "note: the " << other << " expression records that "
                          << store.citation(alias, amendment.eid) << " was " << amendment.kind
                          << " by " << amendment.amending_act << "; this " << lang << " text ("
                          << expression_date(store, alias, lang) << ") may differ from it\n";
            }
        }
    }
    for (const auto& other : languages)
        if (other != lang && !store.provision(alias, *eid, other))
            std::cout << "note: the " << other << " expression has no " << *eid << "\n";
}

} // namespace

void register_show(CLI::App& app, Options& options) {
    auto instrument = std::make_shared<std::string>();
    auto reference = std::make_shared<std::string>();
    auto language = std::make_shared<std::string>();
    CLI::App* command =
        app.add_subcommand("show", "Show a provision: 47, art_47__para_1, \"Art. 47(1)\"");
    command->add_option("instrument", *instrument, "Alias, e.g. eaeu")->required();
    command->add_option("provision", *reference, "Article number, eId or citation")->required();
    command->add_option("--lang", *language, "ru or en (default: the authentic language)");
    command->callback([instrument, reference, language, &options] {
        run_show(*instrument, *reference, *language, options);
    });
}

} // namespace treatykb::cli
