// The coder's library: coding rules rejected with file:line:column (bad regex, unknown class,
// relation or lexicon, a capture the pattern lacks, a quote part that names nothing), a
// pathological regex stopped by Boost's bound and reported, and proposals on a small stored text.
#include <algorithm>

#include "../test_support.hpp"
#include "kb/coder.hpp"
#include "kb/coding_rules.hpp"
#include "kb/error.hpp"
#include "kb/store.hpp"

using namespace treatykb;
using namespace treatykb::testing;

namespace {

const coding::RelationArity kRelations{{"body", 3},         {"decision_rule", 6}, {"vote_weight", 4},
                                        {"member_state", 2}, {"area_role", 4}};

const std::string kLexicon = R"(<coding xmlns="urn:treatykb:coding:1">
  <lexicon name="organ" prefix="instrument"/>
  <term lexicon="organ" symbol="council" kind="intergovernmental"><name>\bcouncil\b</name></term>
  <term lexicon="organ" symbol="court" kind="judicial"><name>\bcourt\b</name></term>
</coding>
)";

std::string rule_file(const std::string& rule) {
    return "<coding xmlns=\"urn:treatykb:coding:1\">\n" + rule + "</coding>\n";
}

// The error raised by loading `files`; fails the test when none is.
Error load_failure(const std::vector<std::string>& files, const coding::RelationArity& relations) {
    try {
        coding::load_coding_rules(files, relations);
    } catch (const Error& error) {
        return error;
    }
    FAIL("the rules were accepted");
    return Error("unreachable");
}

// The error raised by loading the lexicon and one rule file; fails the test when none is.
Error load_error(const TemporaryDirectory& dir, const std::string& rules) {
    return load_failure({dir.write("lexicon.xml", kLexicon), dir.write("rules.xml", rule_file(rules))}, kRelations);
}

Instrument one_article(const std::string& text) {
    Instrument instrument;
    instrument.alias = "toy";
    instrument.title = instrument.short_title = "Toy Treaty";
    instrument.work_uri = "/akn/toy/act/2000-01-01/treaty/!main";
    instrument.date_signed = "2000-01-01";
    instrument.type = "treaty";
    Expression expression;
    expression.language = "en";
    expression.authentic = true;
    expression.uri = "/akn/toy/act/2000-01-01/treaty/eng@";
    Provision article{"art_1", "", "article", "1", "The Council", text, 0, 1};
    expression.provisions.push_back(article);
    instrument.expressions.push_back(expression);
    return instrument;
}

// One article per text, art_1, art_2, ...
Instrument articles(const std::vector<std::string>& texts) {
    Instrument instrument = one_article(texts.front());
    for (std::size_t i = 1; i < texts.size(); ++i) {
        std::string number = std::to_string(i + 1);
        instrument.expressions.front().provisions.push_back(
            {"art_" + number, "", "article", number, "", texts[i], static_cast<int>(i), static_cast<int>(i + 1)});
    }
    return instrument;
}

// "eid rule | quote" of every proposal, sorted.
std::vector<std::string> quotes(const coding::CodingRuleSet& set, const coding::CodingResult& result) {
    std::vector<std::string> out;
    for (const coding::Proposal& proposal : result.proposals)
        out.push_back(proposal.eid + " " + set.rules[proposal.rule].id + " | " + proposal.quote);
    std::sort(out.begin(), out.end());
    return out;
}

// The rules (beside the test lexicon) and what they propose for one toy article, art_1.
struct CodedArticle {
    coding::CodingRuleSet set;
    coding::CodingResult result;
};

// What `set` proposes for `instrument` (alias toy), ingested alone into a scratch database.
coding::CodingResult code_alone(const coding::CodingRuleSet& set, const Instrument& instrument) {
    TemporaryDatabase database;
    Store store(database.path());
    store.ingest({instrument});
    coding::CodingResult result;
    coding::code_instrument(store, "toy", set, result);
    return result;
}

CodedArticle code_article(const TemporaryDirectory& dir, const std::string& rules, const std::string& text) {
    std::string lexicon = dir.write("lexicon.xml", kLexicon);
    std::string file = dir.write("rules.xml", rule_file(rules));
    CodedArticle coded{coding::load_coding_rules({lexicon, file}, kRelations), {}};
    coded.result = code_alone(coded.set, one_article(text));
    return coded;
}

// "fact | quote" of every fact proposed, sorted.
std::vector<std::string> facts_with_quotes(const coding::CodingResult& result) {
    std::vector<std::string> out;
    for (const coding::Proposal& proposal : result.proposals)
        for (const std::string& fact : proposal.facts) out.push_back(fact + " | " + proposal.quote);
    std::sort(out.begin(), out.end());
    return out;
}

// art_1 with two paragraphs and art_2 with one: the texts of art_1(1), art_1(2) and art_2(1).
Instrument two_articles(const std::string& first, const std::string& second, const std::string& third) {
    Instrument toy = one_article("");
    auto& provisions = toy.expressions.front().provisions;
    provisions.push_back({"art_1__para_1", "art_1", "paragraph", "1", "", first, 1, 2});
    provisions.push_back({"art_1__para_2", "art_1", "paragraph", "2", "", second, 2, 3});
    provisions.push_back({"art_2", "", "article", "2", "", "", 3, 4});
    provisions.push_back({"art_2__para_1", "art_2", "paragraph", "1", "", third, 4, 5});
    return toy;
}

// A rule that reads "decisions of the X shall be taken by consensus" as X's consensus.
const std::string kConsensusRule = R"(  <rule id="consensus" class="decision_rules" lang="en">
    <pattern>\bdecisions\s+of\s+the\s+(?'body'[\w ]+?)\s+shall\s+be\s+taken\s+by\s+consensus\b</pattern>
    <fact>decision_rule({body|organ}, consensus, 1, 1, members, @)</fact>
  </rule>
)";

// "eid first-fact[ | note]" of every proposal, sorted.
std::vector<std::string> first_facts(const coding::CodingResult& result) {
    std::vector<std::string> out;
    for (const coding::Proposal& proposal : result.proposals)
        out.push_back(proposal.eid + " " + proposal.facts.at(0) + (proposal.note.empty() ? "" : " | " + proposal.note));
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("A bad regular expression is rejected at its file, line and column with the regex error") {
    TemporaryDirectory dir;
    Error error = load_error(dir, R"(  <rule id="r1" class="decision_rules" lang="en">
    <pattern>by (consensus</pattern>
    <fact>decision_rule({|organ}, consensus, 1, 1, members, @)</fact>
  </rule>
)");
    CHECK(error.where().file == dir.path() + "/rules.xml");
    CHECK(error.where().line == 3);
    CHECK(error.where().column >= 14);  // inside the expression, which starts at column 14
    CHECK(contains(error.message(), "bad regular expression"));
    CHECK(contains(error.message(), "parenthes"));  // Boost's own words on the unmatched (
}

TEST_CASE("A control character in an expression is rejected at its position (a \\b turned into U+0008)") {
    TemporaryDirectory dir;
    Error error = load_error(dir, "  <rule id=\"r1\" class=\"decision_rules\" lang=\"en\">\n"
                                  "    <pattern>by \bconsensus</pattern>\n"
                                  "    <fact>decision_rule({|organ}, consensus, 1, 1, members, @)</fact>\n"
                                  "  </rule>\n");
    CHECK(error.where().file == dir.path() + "/rules.xml");
    CHECK(error.where().line == 3);
    CHECK(error.where().column == 17);  // the character after "by "
    CHECK(contains(error.message(), "control character U+0008"));
    CHECK(contains(error.hint(), "\\b"));
}

TEST_CASE("A coding file with invalid UTF-8, or a reference to no character, is rejected at its position") {
    // Found by tests/fuzz/fuzz_coding_rules.cpp: Boost threw a bare std::out_of_range while
    // converting such an expression, and `treatykb code` ended in std::terminate.
    TemporaryDirectory dir;
    std::string lexicon = dir.write("lexicon.xml", kLexicon);
    auto rejection = [&](const std::string& name, const std::string& pattern) {
        return load_failure({lexicon, dir.write(name, rule_file("  <rule id=\"r1\" class=\"bodies\" lang=\"en\">\n"
                                                                "    <pattern>" + pattern + "</pattern>\n"
                                                                "    <fact>body({|organ}, intergovernmental, @)</fact>\n"
                                                                "  </rule>\n"))},
                            kRelations);
    };
    Error bytes = rejection("bytes.xml", "council\xff");
    CHECK(contains(bytes.message(), "not UTF-8"));
    CHECK(bytes.where().file == dir.path() + "/bytes.xml");
    CHECK(bytes.where().line == 3);
    CHECK(bytes.where().column == 21);
    Error reference = rejection("reference.xml", "council&#xD800;");
    CHECK(contains(reference.message(), "&#xD800; names no Unicode character"));
    CHECK(reference.where().line == 3);
}

TEST_CASE("An unknown class, relation or lexicon, and a wrong arity, are rejected with their position") {
    TemporaryDirectory dir;
    Error klass = load_error(dir, R"(  <rule id="r1" class="bodys" lang="en">
    <pattern>council</pattern>
    <fact>body({|organ}, intergovernmental, @)</fact>
  </rule>
)");
    CHECK(contains(klass.message(), "unknown class bodys"));
    CHECK(klass.where().line == 2);
    CHECK(contains(klass.hint(), "decision_rules"));

    Error relation = load_error(dir, R"(  <rule id="r1" class="bodies" lang="en">
    <pattern>council</pattern>
    <fact>organ({|organ}, intergovernmental, @)</fact>
  </rule>
)");
    CHECK(contains(relation.message(), "unknown relation organ"));
    CHECK(relation.where().line == 4);
    CHECK(relation.where().column == 11);

    Error arity = load_error(dir, R"(  <rule id="r1" class="bodies" lang="en">
    <pattern>council</pattern>
    <fact>body({|organ}, @)</fact>
  </rule>
)");
    CHECK(contains(arity.message(), "body takes 3 arguments, not 2"));

    Error lexicon = load_error(dir, R"(  <rule id="r1" class="bodies" lang="en">
    <pattern>council</pattern>
    <fact>body({|organs}, intergovernmental, @)</fact>
  </rule>
)");
    CHECK(contains(lexicon.message(), "names no lexicon"));
}

TEST_CASE("A capture or quote that names no part of the provision is rejected") {
    TemporaryDirectory dir;
    Error capture = load_error(dir, R"(  <rule id="r1" class="bodies" lang="en">
    <pattern>(?'who'council)</pattern>
    <fact>body({whom|organ}, intergovernmental, @)</fact>
  </rule>
)");
    CHECK(contains(capture.message(), "names the capture 'whom'"));
    CHECK(contains(capture.hint(), "who"));
    CHECK(capture.where().line == 4);
    CHECK(capture.where().column == 16);  // the {

    Error quote = load_error(dir, R"(  <rule id="r1" class="bodies" lang="en" quote="clause">
    <pattern>(?'who'council)</pattern>
    <fact>body({who|organ}, intergovernmental, @)</fact>
  </rule>
)");
    CHECK(contains(quote.message(), "quote=\"clause\" names no part of the provision"));

    Error scope = load_error(dir, R"(  <rule id="r1" class="bodies" lang="en">
    <pattern>(?'who'council)</pattern>
    <require scope="sibling">members</require>
    <fact>body({who|organ}, intergovernmental, @)</fact>
  </rule>
)");
    CHECK(contains(scope.message(), "scope=\"sibling\" names no part of the provision"));
    CHECK(scope.where().line == 4);
}

TEST_CASE("Proposals quote the sentence verbatim and resolve the organ, the threshold and the weights") {
    TemporaryDirectory dir;
    auto [set, result] = code_article(dir, R"(  <lexicon name="state"/>
  <term lexicon="state" symbol="RUS"><name>Russia</name></term>
  <rule id="consensus" class="decision_rules" lang="en" confidence="0.9">
    <pattern>(?'subject'decisions[^.]*?)\s+shall\s+be\s+taken\s+by\s+consensus</pattern>
    <fact>decision_rule({subject,context|organ}, consensus, 1, 1, members, @)</fact>
  </rule>
  <rule id="majority" class="decision_rules" lang="en">
    <pattern>by\s+a\s+(?'thr'two-thirds)\s+majority</pattern>
    <fact>decision_rule({|organ}, qualified_majority, {thr|ratio.num}, {thr|ratio.den}, members, @)</fact>
  </rule>
  <rule id="weight" class="decision_rules" lang="en">
    <pattern>^(?'state'\w+)\s*-\s*(?'w'\d+(?:,\d+)?)$</pattern>
    <fact>vote_weight({|organ}, {state|state}, {w|decimal}, @)</fact>
  </rule>
)", "Decisions of the Court shall be taken by consensus. Other decisions shall be taken by a two-thirds "
                                        "majority.\nRussia - 21,5");
    REQUIRE(result.failures.empty());
    std::vector<std::string> facts = facts_with_quotes(result);
    CHECK(facts == std::vector<std::string>{
                       "decision_rule(toy_council, qualified_majority, 2, 3, members, @) | Other decisions shall be "
                       "taken by a two-thirds majority.",
                       "decision_rule(toy_court, consensus, 1, 1, members, @) | Decisions of the Court shall be "
                       "taken by consensus.",
                       "vote_weight(toy_council, RUS, 21.5, @) | Russia - 21,5"});
    std::string xml = coding::render_coded_knowledge("toy", result.proposals, set, "../schema.xml");
    CHECK(contains(xml, "rule=\"consensus\" class=\"decision_rules\" confidence=\"0.90\""));
    CHECK(contains(xml, "<include href=\"../schema.xml\"/>"));
}

TEST_CASE("{|instrument} names the coded instrument; the parties and authority classes propose their facts") {
    TemporaryDirectory dir;
    auto [set, result] = code_article(dir, R"(  <lexicon name="state"/>
  <term lexicon="state" symbol="RUS"><name>\bRussia\b</name></term>
  <term lexicon="state" symbol="ARM"><name>\bArmenia\b</name></term>
  <rule id="parties" class="parties" lang="en">
    <pattern>(?'list'.+?),?\s+hereinafter\s+referred\s+to\s+as\s+the\s+Parties</pattern>
    <fact>member_state({|instrument}, {list|state*})</fact>
  </rule>
  <rule id="budget" class="authority" lang="en">
    <pattern>budget\s+shall\s+be\s+adopted\s+by\s+the\s+(?'body'\w+)</pattern>
    <fact>area_role({body|organ}, budget, final, @)</fact>
  </rule>
)", "Russia and Armenia, hereinafter referred to as the Parties, agree.\nThe budget shall be adopted by the Council.");
    REQUIRE(result.failures.empty());
    std::vector<std::string> facts = facts_with_quotes(result);
    CHECK(facts == std::vector<std::string>{
                       "area_role(toy_council, budget, final, @) | The budget shall be adopted by the Council.",
                       "member_state(toy, ARM) | Russia and Armenia, hereinafter referred to as the Parties, agree.",
                       "member_state(toy, RUS) | Russia and Armenia, hereinafter referred to as the Parties, agree."});
    std::string xml = coding::render_coded_knowledge("toy", result.proposals, set, "../schema.xml");
    CHECK(contains(xml, "class=\"parties\""));
    CHECK_FALSE(contains(xml, "<fact>instrument("));  // no catalogue entry given: no declaration
    std::string declared = coding::render_coded_knowledge("toy", result.proposals, set, "../schema.xml",
                                                          "Free Trade Agreement", "2000-01-01");
    CHECK(contains(declared, "<fact>instrument(toy, free_trade_agreement, 2000-01-01)</fact>"));
    CHECK(contains(xml, "class=\"authority\""));

    // The instrument is read from no text: a capture or a pick is an error.
    Error capture = load_error(dir, R"(  <rule id="r1" class="parties" lang="en">
    <pattern>(?'who'Russia)</pattern>
    <fact>member_state({who|instrument}, RUS)</fact>
  </rule>
)");
    CHECK(contains(capture.message(), "reads no text"));
    CHECK(capture.where().line == 4);
}

TEST_CASE("Heads of state listed in a preamble name their states, in English, Spanish and French") {
    // The rules and the state lexicon of kb/coding/, on three toy preambles.
    std::string coding = std::string(TREATYKB_SOURCE_DIR) + "/kb/coding";
    coding::CodingRuleSet set =
        coding::load_coding_rules({coding + "/lexicon.xml", coding + "/parties.xml"}, kRelations);
    auto parties_of = [&set](const std::string& language, const std::string& text) {
        Instrument instrument = one_article(text);
        instrument.expressions.front().language = language;
        std::vector<std::string> facts;
        for (const coding::Proposal& proposal : code_alone(set, instrument).proposals)
            for (const std::string& fact : proposal.facts) facts.push_back(fact);
        std::sort(facts.begin(), facts.end());
        return facts;
    };
    const std::vector<std::string> three{"member_state(toy, BEL)", "member_state(toy, ESP)",
                                         "member_state(toy, GBR)"};
    CHECK(parties_of("en", "HIS MAJESTY THE KING OF THE BELGIANS, HIS MAJESTY THE KING OF SPAIN, HER MAJESTY "
                           "THE QUEEN OF THE UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND,\n"
                           "RESOLVED to act together,") == three);
    CHECK(parties_of("es", "SU MAJESTAD EL REY DE LOS BELGAS, SU MAJESTAD EL REY DE ESPAÑA, SU MAJESTAD LA "
                           "REINA DEL REINO UNIDO DE GRAN BRETAÑA E IRLANDA DEL NORTE,\nDECIDIDOS a actuar,") ==
          three);
    CHECK(parties_of("fr", "SA MAJESTÉ LE ROI DES BELGES, SA MAJESTÉ LE ROI D'ESPAGNE, SA MAJESTÉ LA REINE DU "
                           "ROYAUME-UNI DE GRANDE-BRETAGNE ET D'IRLANDE DU NORD,\nRÉSOLUS à agir,") == three);
    // Presidents of organs name no state; one head of state alone is no list.
    CHECK(parties_of("en", "The President of the Council, the President of the Commission and the President "
                           "of the Court, together.").empty());
    CHECK(parties_of("en", "THE PRESIDENT OF THE FRENCH REPUBLIC, of the one part,").empty());
}

TEST_CASE("A commission the parties establish as theirs is intergovernmental; a domestic agency is no organ of theirs") {
    // The organ lexicon and the bodies rules of kb/coding/, on toy articles.
    std::string coding = std::string(TREATYKB_SOURCE_DIR) + "/kb/coding";
    coding::RelationArity relations = kRelations;
    for (const char* relation : {"body_composition", "seats_per_state", "staffing_rule"}) relations[relation] = 3;
    relations["body_part_of"] = 2;
    coding::CodingRuleSet set = coding::load_coding_rules({coding + "/lexicon.xml", coding + "/bodies.xml"}, relations);
    auto bodies_of = [&set](const std::string& text) {
        std::vector<std::string> facts;
        for (const coding::Proposal& proposal : code_alone(set, one_article(text)).proposals)
            for (const std::string& fact : proposal.facts)
                if (fact.rfind("body(", 0) == 0) facts.push_back(fact);
        std::sort(facts.begin(), facts.end());
        return facts;
    };
    using Facts = std::vector<std::string>;
    // The bare word is a union's Commission, supranational, as before.
    CHECK(bodies_of("The Member States hereby establish a Commission.") == Facts{"body(toy_commission, supranational, @)"});
    // The sentence that establishes it says whose it is: the parties' ministers or officials.
    CHECK(bodies_of("The Parties hereby establish a Commission which shall be co-chaired by Ministers or senior "
                    "officials of the Parties.") == Facts{"body(toy_commission, intergovernmental, @)"});
    CHECK(bodies_of("The Parties shall establish a Committee composed of representatives of each Party.") ==
          Facts{"body(toy_committee, intergovernmental, @)"});
    // A commission named as the parties' own, whatever words stand between.
    CHECK(bodies_of("The Contracting Parties have agreed to establish a joint Armenian-Turkmen commission.") ==
          Facts{"body(toy_joint_committee, intergovernmental, @)"});
    CHECK(bodies_of("The Parties have agreed to set up a bilateral Commission.") ==
          Facts{"body(toy_joint_committee, intergovernmental, @)"});
    CHECK(bodies_of("The Parties hereby establish the Canada-Israel Trade Commission.") ==
          Facts{"body(toy_free_trade_commission, intergovernmental, @)"});
    CHECK(bodies_of("The Parties shall establish an Agriculture Review Commission in the 14th year.") ==
          Facts{"body(toy_review_commission, intergovernmental, @)"});
    CHECK(bodies_of("The Parties hereby establish the Administrative Commission of the Agreement.") ==
          Facts{"body(toy_free_trade_commission, intergovernmental, @)"});
    // Words between are read for a commission only: a specialised joint committee stays a committee.
    CHECK(bodies_of("The Parties shall establish a Joint SPS Committee.") ==
          Facts{"body(toy_committee, intergovernmental, @)"});
    // "Joint" and a conjunction before the Commission name no joint commission.
    for (const std::string& fact : bodies_of("The Member States hereby establish a joint secretariat and the Commission."))
        CHECK_FALSE(contains(fact, "joint_committee"));
    // A domestic agency called a trade commission is not the parties' commission.
    Facts agency = bodies_of("The Parties hereby establish the Korea Fair Trade Commission.");
    CHECK(agency.size() == 1);
    for (const std::string& fact : agency) CHECK_FALSE(contains(fact, "free_trade_commission"));
}

TEST_CASE("An accession clause makes the state a member of the stored treaty it names, in four languages") {
    std::string coding = std::string(TREATYKB_SOURCE_DIR) + "/kb/coding";
    coding::CodingRuleSet set =
        coding::load_coding_rules({coding + "/lexicon.xml", coding + "/parties.xml"}, kRelations);
    // The treaty acceded to, and one signed after the accession (toy, 2000-01-01).
    auto treaty = [](const std::string& alias, const std::string& title, const std::string& short_title,
                     const std::string& date) {
        Instrument instrument = one_article("The Parties establish the Union.");
        instrument.alias = alias;
        instrument.title = title;
        instrument.short_title = short_title;
        instrument.work_uri = "/akn/" + alias + "/act/" + date + "/treaty/!main";
        instrument.date_signed = date;
        instrument.expressions.front().uri = "/akn/" + alias + "/act/" + date + "/treaty/eng@";
        return instrument;
    };
    const Instrument union_treaty =
        treaty("exu", "Treaty on the Example Union (EXU)", "Example Union Treaty", "1999-05-29");
    const Instrument later = treaty("later", "Treaty on the Later Union", "Later Treaty", "2005-01-01");
    auto members = [&](const std::string& language, const std::string& text) {
        Instrument accession = one_article(text);
        accession.expressions.front().language = language;
        TemporaryDatabase database;
        Store store(database.path());
        store.ingest({union_treaty, later, accession});
        coding::CodingResult result;
        coding::code_instrument(store, "toy", set, result);
        std::vector<std::string> facts;
        for (const coding::Proposal& proposal : result.proposals)
            if (set.rules[proposal.rule].id.rfind("parties.accession.", 0) == 0)
                for (const std::string& fact : proposal.facts) facts.push_back(fact);
        std::sort(facts.begin(), facts.end());
        return facts;
    };
    const std::vector<std::string> armenia{"member_state(exu, ARM)"};
    CHECK(members("en", "Under this Treaty, the Republic of Armenia accedes to the Treaty on the Example "
                        "Union dated 29 May 1999, as well as to other treaties.") == armenia);
    CHECK(members("en", "The Republic of Armenia shall accede to the Example Union Treaty.") == armenia);
    CHECK(members("en", "The Republic of Armenia and Georgia hereby accede to the EXU as amended.") ==
          std::vector<std::string>{"member_state(exu, ARM)", "member_state(exu, GEO)"});
    CHECK(members("ru", "Республика Армения присоединяется к EXU с даты вступления в силу.") == armenia);
    CHECK(members("es", "La República de Armenia se adhiere al EXU.") == armenia);
    CHECK(members("fr", "La République d'Arménie adhère à l'EXU.") == armenia);
    // A request or an obligation to accede, an accession by no named state, an instrument named only
    // inside the phrase, one signed after the accession, and "this Treaty": nothing.
    CHECK(members("en", "Recalling the request of the Republic of Armenia to accede to the EXU,").empty());
    CHECK(members("en", "Armenia shall apply to accede to the EXU.").empty());
    CHECK(members("en", "Any new Member State shall accede to the EXU.").empty());
    CHECK(members("en", "Armenia shall accede to the Agreement between the Members of the Example Union "
                        "and Finland.").empty());
    CHECK(members("en", "Armenia shall accede to the Treaty on the Later Union.").empty());
    CHECK(members("en", "Armenia accedes to this Treaty.").empty());
}

TEST_CASE("A list of bodies names the parts of the whole it is said of; members are no parts") {
    TemporaryDirectory dir;
    std::string lexicon = dir.write("lexicon.xml", R"(<coding xmlns="urn:treatykb:coding:1">
  <lexicon name="organ" prefix="instrument"/>
  <term lexicon="organ" symbol="commission_council" kind="intergovernmental" part_of="commission">
    <name>\bcouncil of (?:the )?(?:\w+ ){0,2}commission\b</name><name>\bсовет\w* комисси\w*</name></term>
  <term lexicon="organ" symbol="commission_board" kind="supranational" part_of="commission">
    <name>\b(?:board|collegium) of (?:the )?(?:\w+ ){0,2}commission\b</name><name>\bколлеги\w* комисси\w*</name></term>
  <term lexicon="organ" symbol="commission" kind="supranational"><name>\bcommission\b</name><name>\bкомисси\w*</name></term>
  <term lexicon="organ" symbol="council" kind="intergovernmental"><name>\bcouncil\b</name><name>\bсовет\w*</name></term>
</coding>
)");
    std::string file = dir.write("rules.xml", rule_file(R"(  <rule id="parts" class="bodies" lang="en ru">
    <pattern>(?'whole'(?:[\w-]+\s+){0,5}?[\w-]+)\s+(?:shall\s+consist\s+of|состоит\s+из)\s+(?'list'[^.]+)</pattern>
    <fact>body_part_of({list,whole|parts*}, {whole|organ$})</fact>
  </rule>
)"));
    coding::RelationArity relations = kRelations;
    relations["body_part_of"] = 2;
    coding::CodingRuleSet set = coding::load_coding_rules({lexicon, file}, relations);
    coding::CodingResult result = code_alone(
        set, articles({"The Commission shall consist of the Council and Collegium.",
                       "Комиссия состоит из Совета Комиссии и Коллегии Комиссии.",
                       "The Association Council shall consist of the members of the Council and members of the Commission.",
                       "The Council shall consist of the Commission."}));
    REQUIRE(result.failures.empty());
    std::vector<std::string> facts = facts_with_quotes(result);
    CHECK(facts == std::vector<std::string>{
                       "body_part_of(toy_commission_board, toy_commission) | The Commission shall consist of the Council "
                       "and Collegium.",
                       "body_part_of(toy_commission_board, toy_commission) | Комиссия состоит из Совета Комиссии и "
                       "Коллегии Комиссии.",
                       "body_part_of(toy_commission_council, toy_commission) | The Commission shall consist of the "
                       "Council and Collegium.",
                       "body_part_of(toy_commission_council, toy_commission) | Комиссия состоит из Совета Комиссии и "
                       "Коллегии Комиссии."});

    // A part of no known whole, and a parts placeholder without its whole, are rejected.
    std::string bad_lexicon = dir.write("bad_lexicon.xml", R"(<coding xmlns="urn:treatykb:coding:1">
  <lexicon name="organ" prefix="instrument"/>
  <term lexicon="organ" symbol="chamber" kind="judicial" part_of="tribunal"><name>\bchamber\b</name></term>
</coding>
)");
    try {
        coding::load_coding_rules({bad_lexicon}, relations);
        FAIL("a part_of naming no term was accepted");
    } catch (const Error& error) {
        CHECK(contains(error.message(), "part_of=\"tribunal\""));
        CHECK(error.where().file == dir.path() + "/bad_lexicon.xml");
        CHECK(error.where().line == 3);
    }
    std::string one_capture = dir.write("one.xml", rule_file(R"(  <rule id="parts" class="bodies" lang="en">
    <pattern>consists\s+of\s+(?'list'[^.]+)</pattern>
    <fact>body_part_of({list|parts*}, toy)</fact>
  </rule>
)"));
    Error without_whole = load_failure({lexicon, one_capture}, relations);
    CHECK(contains(without_whole.message(), "reads two captures"));
    CHECK(without_whole.where().line == 4);
}

TEST_CASE("An item of a list is said by the organ its lead-in names, where the lexicon says so") {
    TemporaryDirectory dir;
    auto lexicon_with = [&](const std::string& attribute) {
        return dir.write("lexicon" + std::to_string(attribute.size()) + ".xml",
                         std::string(R"(<coding xmlns="urn:treatykb:coding:1">
  <lexicon name="organ" prefix="instrument")") + attribute + R"(/>
  <term lexicon="organ" symbol="council" kind="intergovernmental"><name>\bcouncil\b</name></term>
  <term lexicon="organ" symbol="court" kind="judicial"><name>\bcourt\b</name></term>
</coding>
)");
    };
    std::string rules = dir.write("rules.xml", rule_file(R"(  <rule id="item" class="bodies" lang="en">
    <pattern>\bhear\s+actions\b</pattern>
    <fact>body({|organ}, judicial, @)</fact>
  </rule>
)"));
    // art_1 (headed "The Council") introduces a list: "The Court shall:"; art_2 does not end with a
    // colon, so its item is read with the headings as before.
    Instrument toy = one_article("The Court shall:");
    auto& provisions = toy.expressions.front().provisions;
    provisions.push_back({"art_1__point_a", "art_1", "point", "a", "", "hear actions brought by persons;", 1, 2});
    provisions.push_back({"art_2", "", "article", "2", "The Council", "The Court shall meet in public.", 2, 3});
    provisions.push_back({"art_2__point_a", "art_2", "point", "a", "", "hear actions brought by states;", 3, 4});
    auto facts = [&](const std::string& lexicon) {
        coding::CodingResult result = code_alone(coding::load_coding_rules({lexicon, rules}, kRelations), toy);
        REQUIRE(result.failures.empty());
        return facts_with_quotes(result);
    };
    CHECK(facts(lexicon_with(R"( lead_in="yes")")) ==
          std::vector<std::string>{"body(toy_council, judicial, @) | hear actions brought by states;",
                                   "body(toy_court, judicial, @) | hear actions brought by persons;"});
    CHECK(facts(lexicon_with("")) ==
          std::vector<std::string>{"body(toy_council, judicial, @) | hear actions brought by persons;",
                                   "body(toy_council, judicial, @) | hear actions brought by states;"});
    Error maybe = load_failure({lexicon_with(R"( lead_in="maybe")"), rules}, kRelations);
    CHECK(contains(maybe.message(), "lead_in=\"maybe\" is neither yes nor no"));
    CHECK(maybe.where().line == 2);
}

TEST_CASE("A sentence whose subject is a pronoun speaks of the organ named before it, not of the headings") {
    TemporaryDirectory dir;
    std::string lexicon = dir.write("lexicon.xml", R"(<coding xmlns="urn:treatykb:coding:1">
  <lexicon name="organ" prefix="instrument"/>
  <term lexicon="organ" symbol="council" kind="intergovernmental"><name>\b(?:council|conseil)\b</name></term>
  <term lexicon="organ" symbol="court" kind="judicial"><name>\bcourt?\b</name></term>
</coding>
)");
    auto rules_with = [&](const std::string& captures) {
        return dir.write("rules" + std::to_string(captures.size()) + ".xml", rule_file(R"(  <rule id="majority" class="decision_rules" lang="en fr">
    <pattern>\b(?:decisions|statue)\b[^.]{0,40}?\b(?:by|à\s+la)\s+majority\b|\bstatue\s+à\s+la\s+majorité\b</pattern>
    <fact>decision_rule({)" + captures + R"(|organ$}, simple_majority, 1, 2, members, @)</fact>
  </rule>
)"));
    };
    // Headed "The Council": the Court is named in the sentence before the pronoun's.
    Instrument toy = one_article("The Council shall meet twice a year. The Court shall sit in Brussels. It shall take its "
                                 "decisions by majority.");
    auto& provisions = toy.expressions.front().provisions;
    provisions.push_back({"art_2", "", "article", "2", "The Council", "The Court shall sit in public. Its decisions "
                          "shall be taken by majority.", 1, 2});
    provisions.push_back({"art_3", "", "article", "3", "The Council", "It shall take its decisions by majority.", 2, 3});
    provisions.push_back({"art_4", "", "article", "4", "The Council", "La Cour siège à Luxembourg. Elle statue à la "
                          "majorité.", 3, 4});
    auto facts = [&](const std::string& rules) {
        coding::CodingResult result = code_alone(coding::load_coding_rules({lexicon, rules}, kRelations), toy);
        REQUIRE(result.failures.empty());
        return facts_with_quotes(result);
    };
    // With the pronoun read: art_1 and art_4 are the Court's; art_2 ("Its decisions", no pronoun
    // subject) and art_3 (nothing before the sentence) keep the headings' Council.
    auto fact = [](const std::string& organ, const std::string& quote) {
        return "decision_rule(toy_" + organ + ", simple_majority, 1, 2, members, @) | " + quote;
    };
    CHECK(facts(rules_with("before,pronoun,context")) ==
          std::vector<std::string>{fact("council", "It shall take its decisions by majority."),
                                   fact("council", "Its decisions shall be taken by majority."),
                                   fact("court", "Elle statue à la majorité."),
                                   fact("court", "It shall take its decisions by majority.")});
    // Without it, every one is the headings' Council.
    CHECK(facts(rules_with("before,context")) ==
          std::vector<std::string>{fact("council", "Elle statue à la majorité."),
                                   fact("council", "It shall take its decisions by majority."),
                                   fact("council", "It shall take its decisions by majority."),
                                   fact("council", "Its decisions shall be taken by majority.")});
}

TEST_CASE("A capture naming only a generic term yields to a specific term of the headings, not of the text") {
    TemporaryDirectory dir;
    std::string lexicon = dir.write("domains.xml", R"(<coding xmlns="urn:treatykb:coding:1">
  <lexicon name="domain"/>
  <term lexicon="domain" symbol="rules_of_origin"><name>\brules\s+of\s+origin\b</name></term>
  <term lexicon="domain" symbol="intellectual_property"><name>\bindustrial\s+property\b</name></term>
  <term lexicon="domain" symbol="customs_tariff"><name>\bcustoms\s+duties\b</name></term>
  <term lexicon="domain" symbol="external_trade" priority="-1"><name>\bimports\b</name></term>
</coding>
)");
    std::string rules = dir.write("rules.xml", rule_file(R"(  <rule id="restrict" class="autonomy" lang="en">
    <pattern>\bmay\s+restrict\s+(?'d'(?:customs\s+duties\s+on\s+)?imports)\b</pattern>
    <fact>area_role(toy_council, {d,context|domain}, final, @)</fact>
  </rule>
)"));
    // art_1: generic "imports" under the heading "Rules of origin" gives the heading's domain;
    // art_2 (no heading naming a domain): the other words of the provision ("industrial property",
    // the grounds of the clause) do not replace it; art_3: a specific capture keeps its own term.
    Instrument toy = articles({"A Party may restrict imports of the goods concerned.",
                               "A Party may restrict imports on grounds of the protection of industrial property.",
                               "A Party may restrict customs duties on imports."});
    auto& provisions = toy.expressions.front().provisions;
    provisions[0].heading = "Rules of Origin";
    provisions[2].heading = "Rules of Origin";
    coding::CodingResult result = code_alone(coding::load_coding_rules({lexicon, rules}, kRelations), toy);
    REQUIRE(result.failures.empty());
    std::vector<std::string> facts;
    for (const coding::Proposal& proposal : result.proposals)
        for (const std::string& fact : proposal.facts) facts.push_back(proposal.eid + " " + fact);
    std::sort(facts.begin(), facts.end());
    CHECK(facts == std::vector<std::string>{"art_1 area_role(toy_council, rules_of_origin, final, @)",
                                            "art_2 area_role(toy_council, external_trade, final, @)",
                                            "art_3 area_role(toy_council, customs_tariff, final, @)"});
}

TEST_CASE("A short name means the organ its article names in full; elsewhere the organ of its own words") {
    TemporaryDirectory dir;
    std::string lexicon = dir.write("lexicon.xml", R"(<coding xmlns="urn:treatykb:coding:1">
  <lexicon name="organ" prefix="instrument"/>
  <term lexicon="organ" symbol="free_trade_commission" kind="intergovernmental" short="commission">
    <name>\bfree trade commission\b</name></term>
  <term lexicon="organ" symbol="commission" kind="supranational"><name>\bcommission\b</name></term>
</coding>
)");
    std::string rules = dir.write("rules.xml", rule_file(kConsensusRule));
    coding::CodingRuleSet set = coding::load_coding_rules({lexicon, rules}, kRelations);
    // art_1 establishes the Free Trade Commission in one paragraph and calls it "the Commission" in
    // another; art_2 names no free trade commission, so its Commission is the commission.
    coding::CodingResult result = code_alone(
        set, two_articles("The Parties establish the Free Trade Commission.",
                          "All decisions of the Commission shall be taken by consensus.",
                          "All decisions of the Commission shall be taken by consensus."));
    REQUIRE(result.failures.empty());
    CHECK(first_facts(result) == std::vector<std::string>{"art_1__para_2 decision_rule(toy_free_trade_commission, consensus, 1, 1, members, @)",
                                            "art_2__para_1 decision_rule(toy_commission, consensus, 1, 1, members, @)"});

    // short= must name another term of the lexicon.
    std::string bad = dir.write("bad.xml", R"(<coding xmlns="urn:treatykb:coding:1">
  <lexicon name="organ" prefix="instrument"/>
  <term lexicon="organ" symbol="free_trade_commission" short="commission comission"><name>\bfree trade commission\b</name></term>
  <term lexicon="organ" symbol="commission"><name>\bcommission\b</name></term>
</coding>
)");
    Error error = load_failure({bad}, kRelations);
    CHECK(contains(error.message(), "short=\"commission comission\": \"comission\" is no other term of the organ lexicon"));
    CHECK(error.where().line == 3);
}

TEST_CASE("A word the text defines as an organ means it where used bare and the lexicon allows it; two meanings cancel") {
    TemporaryDirectory dir;
    std::string lexicon = dir.write("lexicon.xml", R"(<coding xmlns="urn:treatykb:coding:1">
  <lexicon name="organ" prefix="instrument"/>
  <term lexicon="organ" symbol="free_trade_commission" kind="intergovernmental" short="commission"><name>\bfree trade commission\b</name></term>
  <term lexicon="organ" symbol="joint_committee" kind="intergovernmental" short="commission"><name>\bjoint commission\b</name></term>
  <term lexicon="organ" symbol="commission" kind="supranational"><name>\bcommission\b</name></term>
  <definition lexicon="organ">
    <pattern>(?&lt;![\w-])(?'short'[\w-]+(?:\s+[\w-]+){0,3}?)\s+means\s+(?'full'[^.;]{3,160})</pattern>
  </definition>
</coding>
)");
    std::string rules = dir.write("rules.xml", rule_file(kConsensusRule));
    coding::CodingRuleSet set = coding::load_coding_rules({lexicon, rules}, kRelations);
    auto coded = [&](const std::vector<std::string>& texts) {
        coding::CodingResult result = code_alone(set, articles(texts));
        REQUIRE(result.failures.empty());
        return first_facts(result);
    };
    // The definition (its words after other words of the same line), the word used bare, and the word
    // inside another organ's name.
    CHECK(coded({"In this Agreement: under Article 3 Commission means the Free Trade Commission established under Article 3;",
                 "All decisions of the Commission shall be taken by consensus.",
                 "The Parties establish an Agriculture Review Commission. Decisions of the Agriculture Review "
                 "Commission shall be taken by consensus."}) ==
          std::vector<std::string>{"art_2 decision_rule(toy_free_trade_commission, consensus, 1, 1, members, @) | "
                                   "\"Commission\" read as toy_free_trade_commission by the definition at art_1",
                                   "art_3 decision_rule(toy_commission, consensus, 1, 1, members, @)"});
    // Two definitions of one word with different meanings: the word keeps its own term.
    CHECK(coded({"Commission means the Free Trade Commission.", "Commission means the Joint Commission.",
                 "All decisions of the Commission shall be taken by consensus."}) ==
          std::vector<std::string>{"art_3 decision_rule(toy_commission, consensus, 1, 1, members, @)"});
    // A meaning the lexicon does not allow (the commission has no short name "joint commission"):
    // the words keep their term.
    CHECK(coded({"Joint Commission means the Commission established by Article 9.",
                 "All decisions of the Joint Commission shall be taken by consensus."}) ==
          std::vector<std::string>{"art_2 decision_rule(toy_joint_committee, consensus, 1, 1, members, @)"});
    // No definition: the word's own term.
    CHECK(coded({"All decisions of the Commission shall be taken by consensus."}) ==
          std::vector<std::string>{"art_1 decision_rule(toy_commission, consensus, 1, 1, members, @)"});

    // Defined words holding a regex's special characters are read as a literal, not as an expression
    // (an unbalanced "[" would make the expression invalid).
    std::string brackets = dir.write("brackets.xml", R"(<coding xmlns="urn:treatykb:coding:1">
  <lexicon name="organ" prefix="instrument"/>
  <term lexicon="organ" symbol="free_trade_commission" short="commission"><name>\bfree trade commission\b</name></term>
  <term lexicon="organ" symbol="commission"><name>\bcommission\b</name></term>
  <definition lexicon="organ">
    <pattern>(?'short'\w+ \[\w)\s+means\s+(?'full'[^.;]{3,160})</pattern>
  </definition>
</coding>
)");
    coding::CodingRuleSet with_brackets = coding::load_coding_rules({brackets, rules}, kRelations);
    coding::CodingResult bracketed = code_alone(
        with_brackets, articles({"Commission [C means the Free Trade Commission.",
                                 "All decisions of the Commission shall be taken by consensus."}));
    CHECK(bracketed.failures.empty());
    REQUIRE(bracketed.proposals.size() == 1);  // the bare "Commission" is not the defined "Commission [C"
    CHECK(bracketed.proposals[0].facts.at(0) == "decision_rule(toy_commission, consensus, 1, 1, members, @)");

    std::string bad = dir.write("bad.xml", R"(<coding xmlns="urn:treatykb:coding:1">
  <lexicon name="organ" prefix="instrument"/>
  <definition lexicon="organ">
    <pattern>(?'short'\w+)\s+means\s+</pattern>
  </definition>
</coding>
)");
    Error error = load_failure({bad}, kRelations);
    CHECK(contains(error.message(), "a definition's pattern has no capture (?'full'...)"));
    CHECK(error.where().line == 4);
}

TEST_CASE("{article|organ[kind=judicial]} reads the enclosing article and keeps the judicial organs") {
    TemporaryDirectory dir;
    std::string lexicon = dir.write("lexicon.xml", kLexicon);
    std::string rules = dir.write("rules.xml", rule_file(R"(  <rule id="remedy" class="bodies" lang="en">
    <pattern>\bmay\s+suspend\s+benefits\b</pattern>
    <fact>body({article|organ[kind=judicial]}, judicial, @)</fact>
  </rule>
)"));
    coding::CodingRuleSet set = coding::load_coding_rules({lexicon, rules}, kRelations);
    // art_1 names the Council, then the court in another paragraph; art_2 names the Council only.
    coding::CodingResult result = code_alone(
        set, two_articles("The Council shall meet; the court shall rule.", "The Party may suspend benefits.",
                          "After the Council meets, a Party may suspend benefits."));
    REQUIRE(result.failures.empty());
    CHECK(facts_with_quotes(result) == std::vector<std::string>{"body(toy_court, judicial, @) | The Party may suspend benefits."});

    for (const auto& [conversion, message] :
         std::vector<std::pair<std::string, std::string>>{{"organ[kind=judicial", "a filter is written [attribute=value]"},
                                                          {"organ[kind=]", "a filter is written [attribute=value]"},
                                                          {"decimal[kind=judicial]", "only a lexicon's terms are filtered"},
                                                          {"organ[kind=celestial]", "keeps no term"}}) {
        INFO(conversion);
        Error error = load_error(dir, "  <rule id=\"remedy\" class=\"bodies\" lang=\"en\">\n"
                                      "    <pattern>(?'x'suspend)</pattern>\n"
                                      "    <fact>body({x|" + conversion + "}, judicial, @)</fact>\n  </rule>\n");
        CHECK(contains(error.message(), message));
        CHECK(error.where().line == 4);
    }
}

TEST_CASE("A pathological regex is stopped by Boost's bound and reported, not run forever") {
    TemporaryDirectory dir;
    auto [set, result] = code_article(dir, R"(  <rule id="catastrophic" class="bodies" lang="en">
    <pattern>(?:(?:a|aa)+)+b</pattern>
    <fact>body({|organ}, intergovernmental, @)</fact>
  </rule>
  <rule id="plain" class="bodies" lang="en">
    <pattern>council</pattern>
    <fact>body({|organ}, intergovernmental, @)</fact>
  </rule>
)", std::string(60, 'a') + " council");
    REQUIRE(result.failures.size() == 1);
    CHECK(set.rules[result.failures[0].rule].id == "catastrophic");
    CHECK(result.failures[0].eid == "art_1");
    INFO(result.failures[0].message);
    // Boost's bounds: its state count ("complexity ... exceeded") or its recursion stack
    CHECK((contains(result.failures[0].message, "complexity") || contains(result.failures[0].message, "stack")));
    REQUIRE(result.proposals.size() == 1);  // the other rule still ran
    CHECK(set.rules[result.proposals[0].rule].id == "plain");
}

TEST_CASE("The literal prefilters skip only what cannot match: case, non-ASCII text, lookarounds, conditions") {
    TemporaryDirectory dir;
    std::string lexicon = dir.write("lexicon.xml", kLexicon);
    std::string rules = dir.write("rules.xml", rule_file(R"(  <rule id="consensus" class="decision_rules" lang="en" quote="match">
    <pattern>\bрешени\w*\s+принимаются\s+(?'how'консенсусом)</pattern>
    <fact>decision_rule({|organ}, consensus, 1, 1, members, @)</fact>
  </rule>
  <rule id="measures" class="bodies" lang="en" quote="what">
    <pattern>(?&lt;!neither\s)party\s+may\s+adopt\s+(?'what'\w+)</pattern>
    <unless>^\s*(?:DETERMINED|RESOLVED)\b</unless>
    <require>\bcouncil\b</require>
    <fact>body({|organ}, intergovernmental, @)</fact>
  </rule>
)"));
    coding::CodingRuleSet set = coding::load_coding_rules({lexicon, rules}, kRelations);
    REQUIRE_FALSE(set.rules[0].pattern.prefilter.empty());
    REQUIRE_FALSE(set.rules[1].unless[0].prefilter.empty());
    coding::CodingResult result = code_alone(set, articles({
        // upper case in the text, lower case in the pattern; the quote is the match, byte for byte
        "Совет. РЕШЕНИЯ Совета ПРИНИМАЮТСЯ консенсусом. Решения ПРИНИМАЮТСЯ КОНСЕНСУСОМ.",
        // the lookbehind's word is not required; the condition is met in another sentence
        "Each Party may adopt measures. The Council decides.",
        "Neither Party may adopt measures. The Council decides.",
        // the exception of <unless> applies; then the <require> is missing
        "DETERMINED that each Party may adopt rules. The Council decides.",
        "Each Party may adopt laws.",
        // the words of a pattern split over two sentences
        "Each Party may. Adopt the Council's rules.",
    }));
    REQUIRE(result.failures.empty());
    CHECK(quotes(set, result) == std::vector<std::string>{"art_1 consensus | Решения ПРИНИМАЮТСЯ КОНСЕНСУСОМ",
                                                          "art_2 measures | measures"});
    CHECK(result.matches[0] == 1);
    CHECK(result.matches[1] == 1);  // art_3 fails the lookbehind, art_4 and art_5 their conditions
}

TEST_CASE("A condition shared by rules is reused only within its scope: the provision's or the parent's") {
    TemporaryDirectory dir;
    std::string lexicon = dir.write("lexicon.xml", kLexicon);
    std::string rules = dir.write("rules.xml", rule_file(R"(  <rule id="own" class="bodies" lang="en">
    <pattern>council\s+shall\s+meet</pattern>
    <unless>^\s*DETERMINED\b</unless>
    <fact>body({|organ}, intergovernmental, @)</fact>
  </rule>
  <rule id="parent" class="bodies" lang="en">
    <pattern>council\s+shall\s+meet</pattern>
    <unless scope="parent">^\s*DETERMINED\b</unless>
    <fact>body({|organ}, intergovernmental, @)</fact>
  </rule>
)"));
    coding::CodingRuleSet set = coding::load_coding_rules({lexicon, rules}, kRelations);
    Instrument instrument = one_article("DETERMINED that the council shall meet.");
    instrument.expressions.front().provisions.push_back(
        {"art_1__para_1", "art_1", "paragraph", "1", "", "The council shall meet.", 1, 2});
    coding::CodingResult result = code_alone(set, instrument);
    REQUIRE(result.failures.empty());
    // art_1 opens with DETERMINED: "own" skips it; "parent" reads art_1's parent (none) and
    // proposes. art_1__para_1: "own" proposes; "parent" reads art_1 and skips it.
    CHECK(quotes(set, result) == std::vector<std::string>{"art_1 parent | DETERMINED that the council shall meet.",
                                                          "art_1__para_1 own | The council shall meet."});
}

TEST_CASE("A guard's conditions apply to every rule that names it, as if each rule wrote them") {
    TemporaryDirectory dir;
    std::string lexicon = dir.write("lexicon.xml", kLexicon);
    std::string rules = dir.write("rules.xml", rule_file(R"(  <guard name="not_operative">
    <note>Recitals and definitions state no rule.</note>
    <unless>^\s*DETERMINED\b</unless>
    <unless>\bmeans\b</unless>
  </guard>
  <rule id="guarded" class="bodies" lang="en">
    <pattern>council\s+shall\s+meet</pattern>
    <guard ref="not_operative"/>
    <fact>body({|organ}, intergovernmental, @)</fact>
  </rule>
  <rule id="guarded_too" class="bodies" lang="en">
    <pattern>council\s+shall\s+decide</pattern>
    <require>\bunanimously\b</require>
    <guard ref="not_operative"/>
    <fact>body({|organ}, intergovernmental, @)</fact>
  </rule>
  <rule id="open" class="bodies" lang="en">
    <pattern>council\s+shall\s+meet</pattern>
    <fact>body({|organ}, intergovernmental, @)</fact>
  </rule>
)"));
    coding::CodingRuleSet set = coding::load_coding_rules({lexicon, rules}, kRelations);
    REQUIRE(set.rules.size() == 3);
    CHECK(set.rules[0].unless.size() == 2);
    CHECK(set.rules[1].unless.size() == 2);
    CHECK(set.rules[1].require.size() == 1);
    CHECK(set.rules[2].unless.empty());
    coding::CodingResult result = code_alone(
        set, articles({"DETERMINED that the council shall meet.", "The council shall meet.",
                       "A session means that the council shall meet. The council shall decide unanimously.",
                       "The council shall decide unanimously.", "The council shall decide."}));
    REQUIRE(result.failures.empty());
    CHECK(quotes(set, result) ==
          std::vector<std::string>{
              "art_1 open | DETERMINED that the council shall meet.",
              "art_2 guarded | The council shall meet.",  // (the same fact is proposed once)
              "art_3 open | A session means that the council shall meet.",
              "art_4 guarded_too | The council shall decide unanimously."});
}

TEST_CASE("A guard named by no definition above it, defined twice, empty or holding a fact is rejected") {
    TemporaryDirectory dir;
    const std::string rule = R"(  <rule id="r1" class="bodies" lang="en">
    <pattern>council</pattern>
    <guard ref="recitals"/>
    <fact>body({|organ}, intergovernmental, @)</fact>
  </rule>
)";
    Error unknown = load_error(dir, rule);
    CHECK(contains(unknown.message(), "<guard ref=\"recitals\"/> names no guard defined before it"));
    CHECK(unknown.where().line == 4);
    CHECK(contains(unknown.hint(), "define <guard name=\"recitals\"> above the rules that use it"));

    // Defined below the rule: the same error, and the hint lists the guards defined so far.
    Error later = load_error(dir, "  <guard name=\"definitions\"><unless>means</unless></guard>\n" + rule +
                                      "  <guard name=\"recitals\"><unless>^RESOLVED</unless></guard>\n");
    CHECK(contains(later.message(), "names no guard defined before it"));
    CHECK(contains(later.hint(), "the guards defined so far are: definitions"));

    Error twice = load_error(dir, "  <guard name=\"recitals\"><unless>^RESOLVED</unless></guard>\n"
                                  "  <guard name=\"recitals\"><unless>^DETERMINED</unless></guard>\n");
    CHECK(contains(twice.message(), "guard recitals is defined twice"));
    CHECK(twice.where().line == 3);

    Error empty = load_error(dir, "  <guard name=\"recitals\"><note>nothing</note></guard>\n");
    CHECK(contains(empty.message(), "guard recitals holds no condition"));

    Error fact = load_error(dir, "  <guard name=\"recitals\"><unless>^RESOLVED</unless>"
                                 "<fact>body(x, y, @)</fact></guard>\n");
    CHECK(contains(fact.message(), "unknown element <fact> in <guard>"));

    Error regex = load_error(dir, "  <guard name=\"recitals\">\n    <unless>^(RESOLVED</unless>\n  </guard>\n");
    CHECK(contains(regex.message(), "bad regular expression"));
    CHECK(regex.where().line == 3);

    Error filled = load_error(dir, "  <guard name=\"recitals\"><unless>^RESOLVED</unless></guard>\n"
                                   "  <rule id=\"r1\" class=\"bodies\" lang=\"en\">\n    <pattern>council</pattern>\n"
                                   "    <guard ref=\"recitals\">^DETERMINED</guard>\n"
                                   "    <fact>body({|organ}, intergovernmental, @)</fact>\n  </rule>\n");
    CHECK(contains(filled.message(), "<guard ref=\"recitals\"/> in a rule holds nothing"));
}
