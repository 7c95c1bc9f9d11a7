// Citations (issue 14, "citations"): `treatykb cite` and --cite on show, search and analyze, in
// text, BibTeX, CSL-JSON and RIS, on the real EAEU Treaty. The BibTeX is read back by a small
// parser that follows BibTeX's own rules (entry type, key, fields in balanced braces).
#include <nlohmann/json.hpp>

#include <map>
#include <cctype>

#include "outputs_support.hpp"

using namespace treatykb::testing;

namespace {

struct BibEntry {
    std::string type, key;
    std::map<std::string, std::string> fields;
};

// Parses @type{key, name = {value}, ...} entries; fails the test on anything BibTeX would reject
// (unbalanced braces, a field without '=', a missing key).
std::vector<BibEntry> parse_bibtex(const std::string& text) {
    std::vector<BibEntry> entries;
    std::size_t at = 0;
    auto skip_space = [&] {
        while (at < text.size() && std::isspace(static_cast<unsigned char>(text[at]))) ++at;
    };
    auto read_name = [&] {
        std::size_t start = at;
        while (at < text.size() && (std::isalnum(static_cast<unsigned char>(text[at])) ||
                                    std::string("_-:.").find(text[at]) != std::string::npos))
            ++at;
        return text.substr(start, at - start);
    };
    while ((at = text.find('@', at)) != std::string::npos) {
        ++at;
        BibEntry entry;
        entry.type = read_name();
        REQUIRE(at < text.size());
        REQUIRE(text[at] == '{');
        ++at;
        skip_space();
        entry.key = read_name();
        REQUIRE_FALSE(entry.key.empty());
        skip_space();
        while (at < text.size() && text[at] == ',') {
            ++at;
            skip_space();
            if (text[at] == '}') break;
            std::string name = read_name();
            REQUIRE_FALSE(name.empty());
            skip_space();
            REQUIRE(text[at] == '=');
            ++at;
            skip_space();
            REQUIRE(text[at] == '{');
            int depth = 0;
            std::string value;
            do {
                char c = text.at(at);
                if (c == '\\') {  // an escaped character, kept as written
                    value += text.substr(at, 2);
                    at += 2;
                    continue;
                }
                if (c == '{' && ++depth == 1) {
                    ++at;
                    continue;
                }
                if (c == '}' && --depth == 0) {
                    ++at;
                    break;
                }
                value += c;
                ++at;
            } while (depth > 0);
            entry.fields[name] = value;
            skip_space();
        }
        REQUIRE(text.at(at) == '}');
        ++at;
        entries.push_back(entry);
    }
    return entries;
}

} // namespace

TEST_CASE("cite eaeu \"Art. 47(1)\" in text, BibTeX, CSL-JSON and RIS") {
    const std::string& database = bundled_corpus_database();
    auto text = run_program("cite eaeu 'Art. 92(1)'", database);
    INFO(text.err);
    REQUIRE(text.exit_code == 0);
    CHECK(text.out ==
          "Treaty on the Eurasian Economic Union, Art. 92(1). Signed at Astana on 2014-05-29; in "
          "force 2015-01-01. Parties: ARM, BLR, KAZ, KGZ, RUS. Text: Russian (authentic text), "
          "consolidated as of 2021-02-15. /akn/eaeu/act/2014-05-29/treaty/!main~art_92__para_1\n");

    auto bib = run_program("cite eaeu 'Art. 92(1)' 47 --format bibtex", database);
    REQUIRE(bib.exit_code == 0);
    std::vector<BibEntry> entries = parse_bibtex(bib.out);
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].type == "misc");
    CHECK(entries[0].key == "eaeu:art_92__para_1");
    CHECK(entries[0].fields["title"] == "{Treaty on the Eurasian Economic Union}, Art. 92(1)");
    CHECK(entries[0].fields["date"] == "2014-05-29");
    CHECK(entries[0].fields["year"] == "2014");
    CHECK(entries[0].fields["address"] == "Astana");
    CHECK(entries[0].fields["language"] == "russian");
    CHECK(contains(entries[0].fields["note"], "Parties: ARM, BLR, KAZ, KGZ, RUS."));
    CHECK(contains(entries[0].fields["note"], "consolidated as of 2021-02-15"));
    CHECK(contains(entries[0].fields["howpublished"],
                   "/akn/eaeu/act/2014-05-29/treaty/!main~art\\_92\\_\\_para\\_1"));
    // Art. 47 has no numbered paragraphs: "47" is the article.
    CHECK(entries[1].key == "eaeu:art_47");

    auto csl = run_program("cite eaeu 47 --format csl-json --lang en", database);
    REQUIRE(csl.exit_code == 0);
    auto items = nlohmann::json::parse(csl.out);
    REQUIRE(items.size() == 1);
    CHECK(items[0]["type"] == "treaty");
    CHECK(items[0]["title"] == "Treaty on the Eurasian Economic Union");
    CHECK(items[0]["section"] == "Art. 47");
    CHECK(items[0]["issued"]["date-parts"][0] == nlohmann::json::array({2014, 5, 29}));
    CHECK(items[0]["publisher-place"] == "Astana");
    CHECK(items[0]["language"] == "en");
    CHECK(contains(items[0]["note"], "English (translation, not authentic), as signed"));
    CHECK(items[0]["number"] == "/akn/eaeu/act/2014-05-29/treaty/!main~art_47");

    auto ris = run_program("cite eaeu 'Art. 92(1)' --format ris", database);
    REQUIRE(ris.exit_code == 0);
    CHECK(ris.out.rfind("TY  - LEGAL\r\n", 0) == 0);
    CHECK(contains(ris.out, "TI  - Treaty on the Eurasian Economic Union\r\n"));
    CHECK(contains(ris.out, "SE  - Art. 92(1)\r\n"));
    CHECK(contains(ris.out, "DA  - 2014/05/29/\r\n"));
    CHECK(contains(ris.out, "CY  - Astana\r\n"));
    CHECK(contains(ris.out, "M1  - /akn/eaeu/act/2014-05-29/treaty/!main~art_92__para_1\r\n"));
    CHECK(ris.out.size() >= 8);
    CHECK(ris.out.substr(ris.out.size() - 8) == "ER  - \r\n");

    CHECK(run_program("cite eaeu 'Art. 999'", database).exit_code == 1);
    CHECK(run_program("cite eaeu 47 --format endnote", database).exit_code == 2);
}

TEST_CASE("--cite on show, search and analyze exports every cited provision") {
    const std::string& database = bundled_corpus_database();
    auto show = run_program("show eaeu 'Art. 92(1)' --cite bibtex", database);
    REQUIRE(show.exit_code == 0);
    CHECK(parse_bibtex(show.out).size() == 1);
    auto search = run_program("search 'нетарифного регулирования' --instrument eaeu --limit 3 "
                              "--cite ris",
                              database);
    REQUIRE(search.exit_code == 0);
    std::size_t records = 0;
    for (std::size_t at = 0; (at = search.out.find("TY  - LEGAL", at)) != std::string::npos; ++at)
        ++records;
    CHECK(records == 3);
    auto analysis = run_program("analyze eaeu --cite bibtex", database);
    INFO(analysis.err);
    REQUIRE(analysis.exit_code == 0);
    std::vector<BibEntry> entries = parse_bibtex(analysis.out);
    CHECK(entries.size() > 5);
    bool art47 = false;
    for (const BibEntry& entry : entries) art47 = art47 || entry.key == "eaeu:art_47";
    CHECK(art47);
}
