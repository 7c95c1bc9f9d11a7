#include "cli/provision_lookup.hpp"

#include "cli/suggest.hpp"
#include "kb/citation.hpp"
#include "kb/error.hpp"

namespace treatykb::cli {

namespace {

bool has_annexes(const Store& store, const std::string& alias, const std::string& lang) {
    for (const auto& provision : store.provisions(alias, lang))
        if (provision.kind == "annex")
            return true;
    return false;
}

} // namespace

ResolvedProvision resolve_provision(const Store& store, const std::string& alias,
                                    const std::string& reference, const std::string& lang) {
    auto eid = store.resolve_reference(alias, reference, lang);
    std::string note;
    const auto languages = store.languages(alias);
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
                note = store.citation(alias, article) +
                       " has no numbered paragraphs; this is its whole text";
            }
        }
    }
    if (!eid) {
        for (const auto& other : languages) {
            if (other == lang)
                continue;
            auto elsewhere = store.resolve_reference(alias, reference, other);
            if (elsewhere && elsewhere->starts_with("annex_") && !has_annexes(store, alias, lang))
                throw Error("the " + lang + " expression of " + alias +
                                " has no annexes (ToTA texts leave them out), so it has no " +
                                store.citation(alias, *elsewhere),
                            {},
                            "the annex is in the " + other + " expression: treatykb show " + alias +
                                " " + *elsewhere + " --lang " + other,
                            *elsewhere);
            if (elsewhere)
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
    return {*eid, note};
}

std::string require_provision(const Store& store, const std::string& alias,
                              const std::string& reference, const std::string& lang) {
    if (!store.has_expression(alias, lang))
        throw Error("\"" + alias + "\" has no " + lang + " expression");
    if (auto eid = store.resolve_reference(alias, reference, lang))
        return *eid;
    // What the user meant, as an eId ("470" -> art_470), compared with every stored eId.
    ParsedReference parsed = parse_reference(reference);
    std::string wanted = parsed.root;
    for (const auto& part : parsed.parts)
        wanted += "__" + part;
    std::string closest;
    std::size_t best = static_cast<std::size_t>(-1);
    // Ties go to the eId sharing the longer beginning with what was asked ("470": art_47, not
    // art_40).
    auto common = [&](const std::string& eid) {
        std::size_t n = 0;
        while (n < eid.size() && n < wanted.size() && eid[n] == wanted[n])
            ++n;
        return n;
    };
    for (const auto& p : store.provisions(alias, lang)) {
        std::size_t distance = edit_distance(wanted, p.eid);
        if (distance < best || (distance == best && common(p.eid) > common(closest))) {
            best = distance;
            closest = p.eid;
        }
    }
    std::string message = "no provision \"" + reference + "\" in " + alias + " (" + lang + ")";
    if (!closest.empty())
        message += "; closest: " + closest + " (" + store.citation(alias, closest) + ")";
    throw Error(message);
}

} // namespace treatykb::cli
