// End-to-end: `treatykb code` on the real corpus (bundled Russian texts and the ToTA treaties of
// corpus.xml). The coder must find, from the rules of kb/coding alone, the institutional facts the
// issue names; its output must pass `treatykb check` (quotes verified); deleting one rule removes
// exactly that rule's proposals; bad input writes nothing.
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "../test_support.hpp"

using namespace treatykb::testing;
namespace fs = std::filesystem;

namespace {

// The coded files of eaeu, cuc-2007, teu, mercosur, the two EAEU accession treaties and the CIS FTA
// of 2011, written once into a scratch folder.
const TemporaryDirectory* coded() {
    static TemporaryDirectory folder;
    static bool done = false;
    if (!done) {
        done = true;
        auto result = run_program("code eaeu cuc-2007 teu mercosur eaeu-arm eaeu-kgz cis-fta-2011 -o '" + folder.path() + "'",
                                  *full_corpus_database());
        INFO(result.err);
        REQUIRE(result.exit_code == 0);
    }
    return &folder;
}

// Every annotation of a coded file as "provision | rule | fact" lines, one per fact.
std::multiset<std::string> proposals(const std::string& xml) {
    std::multiset<std::string> out;
    static const std::regex annotation(R"re(<annotation id="[^"]*" provision="([^"]*)" rule="([^"]*)"[^>]*>([\s\S]*?)</annotation>)re");
    static const std::regex fact(R"re(<fact>([^<]*)</fact>)re");
    static const std::regex quote(R"re(<quote lang="(\w+)">)re");
    for (auto it = std::sregex_iterator(xml.begin(), xml.end(), annotation); it != std::sregex_iterator(); ++it) {
        std::string body = (*it)[3].str();
        std::smatch language;
        std::regex_search(body, language, quote);
        for (auto f = std::sregex_iterator(body.begin(), body.end(), fact); f != std::sregex_iterator(); ++f)
            out.insert((*it)[1].str() + " | " + language[1].str() + " | " + (*it)[2].str() + " | " + (*f)[1].str());
    }
    return out;
}

// True when some annotation at `provision` proposes `fact` (in any language, by any rule).
bool proposes(const std::string& file, const std::string& provision, const std::string& fact) {
    for (const std::string& line : proposals(read_text(coded()->path() + "/" + file)))
        if (line.rfind(provision + " | ", 0) == 0 && line.size() >= fact.size() &&
            line.compare(line.size() - fact.size(), fact.size(), fact) == 0)
            return true;
    return false;
}

// True when an annotation at `provision` in `language` proposes `fact`.
bool proposes_in(const std::string& file, const std::string& provision, const std::string& language,
                 const std::string& fact) {
    for (const std::string& line : proposals(read_text(coded()->path() + "/" + file)))
        if (line.rfind(provision + " | " + language + " | ", 0) == 0 && line.size() >= fact.size() &&
            line.compare(line.size() - fact.size(), fact.size(), fact) == 0)
            return true;
    return false;
}

// Ingests `files` (quoted paths, space-separated) into `database` and codes `instruments` into
// `out`; each step must succeed.
void ingest_and_code(const TemporaryDatabase& database, const TemporaryDirectory& out, const std::string& files,
                     const std::string& instruments) {
    auto ingest = run_program("ingest " + files, database.path());
    INFO(ingest.err);
    REQUIRE(ingest.exit_code == 0);
    auto result = run_program("code " + instruments + " -o '" + out.path() + "'", database.path());
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
}

// The first of `lines` that contains `needle`, or "" when none does (CHECK(... == "") shows it).
std::string first_containing(const std::multiset<std::string>& lines, const std::string& needle) {
    for (const std::string& line : lines)
        if (contains(line, needle)) return line;
    return "";
}

// The coded files of the ToTA files `aliases` (pta_408, ...) in `tota`, ingested and coded together
// in a scratch database: alias -> the coded file's text.
std::map<std::string, std::string> coded_tota(const std::string& tota, const std::vector<std::string>& aliases) {
    TemporaryDatabase database;
    TemporaryDirectory out;
    std::string files, instruments;
    for (const std::string& alias : aliases) {
        files += " '" + tota + "/" + alias + ".xml'";
        instruments += " " + alias;
    }
    ingest_and_code(database, out, files, instruments);
    std::map<std::string, std::string> texts;
    for (const std::string& alias : aliases) texts[alias] = read_text(out.path() + "/" + alias + ".xml");
    return texts;
}

}  // namespace

TEST_CASE("code reads the staffed organ, seats of heads of state, escalation and the Commission's two organs", "[code]") {
    if (!full_corpus_database()) return;
    // One seat per state where a body is made of the heads of state / government of the member states.
    CHECK(proposes_in("eaeu.xml", "eaeu#art_10__para_2", "ru", "seats_per_state(eaeu_supreme_council, 1, @)"));
    CHECK(proposes_in("eaeu.xml", "eaeu#art_10__para_2", "en", "seats_per_state(eaeu_supreme_council, 1, @)"));
    CHECK(proposes_in("eaeu.xml", "eaeu#art_14", "ru", "seats_per_state(eaeu_intergovernmental_council, 1, @)"));
    // Candidates presented by a state's member of the Commission Council, selected on equal
    // representation by the competition commission: rules of the Commission's staff.
    CHECK(proposes_in("eaeu.xml", "eaeu#art_9__para_2", "ru", "staffing_rule(eaeu_commission, national_nomination, @)"));
    CHECK(proposes_in("eaeu.xml", "eaeu#art_9__para_2", "en", "staffing_rule(eaeu_commission, national_nomination, @)"));
    CHECK(proposes_in("eaeu.xml", "eaeu#art_9__para_2", "ru", "staffing_rule(eaeu_commission, equal_representation, @)"));
    CHECK_FALSE(proposes("eaeu.xml", "eaeu#art_9__para_2", "staffing_rule(eaeu_selection_board, equal_representation, @)"));
    CHECK(proposes_in("eaeu.xml", "eaeu#art_9__para_3", "ru", "staffing_rule(eaeu_commission, quota_by_financing, @)"));
    // "представляет ... кандидатуры членов Совета и членов Коллегии Комиссии": both organs, by name.
    CHECK(proposes_in("eaeu.xml", "eaeu#art_16__point_4", "ru", "staffing_rule(eaeu_commission_board, national_nomination, @)"));
    CHECK(proposes_in("eaeu.xml", "eaeu#art_16__point_4", "ru", "staffing_rule(eaeu_commission_council, national_nomination, @)"));
    // The early termination of a mandate on a state's proposal is not a nomination; nor does the
    // Supreme Council's heading make it the staffed organ of Art. 12(2)(16).
    CHECK_FALSE(proposes("eaeu.xml", "eaeu#annex_1__point_41", "staffing_rule(eaeu_commission_board, national_nomination, @)"));
    CHECK_FALSE(proposes("eaeu.xml", "eaeu#art_12__para_2__point_16", "staffing_rule(eaeu_supreme_council, national_nomination, @)"));
    // "Судьи назначаются ... Высшим ... советом по представлению государств-членов": the judges' Court,
    // not the appointing Council in the instrumental.
    CHECK(proposes_in("eaeu.xml", "eaeu#annex_2__point_10", "ru", "staffing_rule(eaeu_court, national_nomination, @)"));
    CHECK_FALSE(proposes("eaeu.xml", "eaeu#annex_2__point_10", "staffing_rule(eaeu_supreme_council, national_nomination, @)"));
    // "В состав конкурсной комиссии Суда по отбору кандидатов на ... должностей Секретариата Суда входят все
    // судьи": the Court's competition commission's members, not the Secretariat's; and its "Конкурсная
    // комиссия принимает свои решения ... большинством голосов" in the same point is that commission's
    // rule, not the rule of the Commission's own competition commission (Treaty Art. 9(4)).
    CHECK(proposes_in("eaeu.xml", "eaeu#annex_2__point_36", "ru", "body_composition(eaeu_court_selection_board, judges, @)"));
    CHECK(proposes_in("eaeu.xml", "eaeu#annex_2__point_36", "ru",
                      "decision_rule(eaeu_court_selection_board, simple_majority, 1, 2, members, @)"));
    CHECK_FALSE(proposes("eaeu.xml", "eaeu#annex_2__point_36", "decision_rule(eaeu_selection_board, simple_majority, 1, 2, members, @)"));
    CHECK(proposes_in("eaeu.xml", "eaeu#art_9__para_4", "ru", "decision_rule(eaeu_selection_board, simple_majority, 1, 2, members, @)"));
    CHECK_FALSE(proposes("eaeu.xml", "eaeu#annex_2__point_36", "body_composition(eaeu_secretariat, judges, @)"));
    // "консультативный орган создается Коллегией Комиссии": the Board creates, it is not established.
    CHECK_FALSE(proposes("eaeu.xml", "eaeu#annex_1__point_44", "body(eaeu_commission_board, supranational, @)"));
    // "В структуру Аппарата Суда входят секретариаты судей": judges are not the members listed.
    CHECK_FALSE(proposes("eaeu.xml", "eaeu#annex_2__point_23", "body_composition(eaeu_court, judges, @)"));
    // A state disagreeing with the Commission Council's decision takes it to the higher Councils.
    CHECK(proposes_in("eaeu.xml", "eaeu#annex_1__point_30", "ru",
                      "appeal(eaeu_commission_council, eaeu_intergovernmental_council, @)"));
    CHECK(proposes_in("eaeu.xml", "eaeu#annex_1__point_30", "ru", "appeal(eaeu_commission_council, eaeu_supreme_council, @)"));
    // "decisions of the Council or Collegium of the Commission": the Council of the Commission, not a bare Council.
    CHECK(proposes_in("eaeu.xml", "eaeu#art_16__point_8", "en",
                      "appeal(eaeu_commission_council, eaeu_intergovernmental_council, @)"));
    CHECK(proposes_in("eaeu.xml", "eaeu#art_16__point_8", "ru",
                      "appeal(eaeu_commission_board, eaeu_intergovernmental_council, @)"));
    CHECK_FALSE(proposes("eaeu.xml", "eaeu#art_16__point_8", "appeal(eaeu_council, eaeu_intergovernmental_council, @)"));
}

TEST_CASE("code reads the parts of a body: the Commission's Council and Board, the Court's chambers", "[code]") {
    if (!full_corpus_database()) return;
    // "Комиссия состоит из Совета и Коллегии" / "The Commission shall consist of the Council and
    // Collegium" (Art. 18(1)): the bare names are the parts of the Commission, not the Union's Councils.
    for (const char* language : {"ru", "en"}) {
        INFO(language);
        CHECK(proposes_in("eaeu.xml", "eaeu#art_18__para_1", language, "body_part_of(eaeu_commission_council, eaeu_commission)"));
        CHECK(proposes_in("eaeu.xml", "eaeu#art_18__para_1", language, "body_part_of(eaeu_commission_board, eaeu_commission)"));
    }
    CHECK_FALSE(proposes("eaeu.xml", "eaeu#art_18__para_1", "body_part_of(eaeu_council, eaeu_commission)"));
    CHECK(proposes_in("eaeu.xml", "eaeu#annex_1__point_11", "ru", "body_part_of(eaeu_commission_board, eaeu_commission)"));
    // The Court sits as its Grand Board, Board and Appeals Chamber (Statute, point 70).
    for (const char* part : {"eaeu_court_grand_chamber", "eaeu_court_chamber", "eaeu_court_appeals_chamber"}) {
        INFO(part);
        CHECK(proposes_in("eaeu.xml", "eaeu#annex_2__point_70", "ru", std::string("body_part_of(") + part + ", eaeu_court)"));
    }
    // What is said of a chamber is said of the chamber: one judge per state sits in the Board of
    // the Court (point 77), two in the Court (point 7).
    CHECK(proposes_in("eaeu.xml", "eaeu#annex_2__point_77", "ru", "seats_per_state(eaeu_court_chamber, 1, @)"));
    CHECK_FALSE(proposes("eaeu.xml", "eaeu#annex_2__point_77", "seats_per_state(eaeu_court, 1, @)"));
    CHECK(proposes_in("eaeu.xml", "eaeu#annex_2__point_7", "ru", "seats_per_state(eaeu_court, 2, @)"));
    // "The Court of Justice of the European Union shall include the Court of Justice, the General
    // Court and specialised courts" (TEU Art. 19(1)): the General Court, as by hand.
    CHECK(proposes_in("teu.xml", "teu#art_19__para_1", "en", "body_part_of(teu_general_court, teu_court)"));
    // Members are no parts: "The Association Council shall consist of the members of the Council of
    // the European Union and members of the Commission ..." proposes none in the corpus's texts.
    CHECK_FALSE(contains(read_text(coded()->path() + "/teu.xml"), "body_part_of(teu_council"));
}

TEST_CASE("code reads the bodies that take over an earlier body's functions, each organ of the list", "[code]") {
    if (!full_corpus_database()) return;
    // Art. 99(3): the functions of the Supreme Eurasian Economic Council (heads of state / of
    // government) "осуществляются соответственно Высшим советом и Межправительственным советом,
    // действующими в соответствии с настоящим Договором" / "shall be carried out by the Supreme
    // Council and Intergovernmental Council correspondingly, acting in accordance with this Treaty".
    for (const char* language : {"ru", "en"}) {
        INFO(language);
        CHECK(proposes_in("eaeu.xml", "eaeu#art_99__para_3", language, "body(eaeu_supreme_council, intergovernmental, @)"));
        CHECK(proposes_in("eaeu.xml", "eaeu#art_99__para_3", language,
                          "body(eaeu_intergovernmental_council, intergovernmental, @)"));
    }
}

TEST_CASE("code reads a body's fields of activity, and an item of a list is said by its lead-in's organ", "[code]") {
    if (!full_corpus_database()) return;
    // Annex 1 p. 3: "Комиссия осуществляет свою деятельность в пределах полномочий ... в следующих
    // сферах:" — each sub-point is a field of the Commission (body_field), as by hand for 8)-19).
    CHECK(proposes_in("eaeu.xml", "eaeu#annex_1__point_3__subpoint_8", "ru", "body_field(eaeu_commission, macroeconomic_policy, @)"));
    CHECK(proposes_in("eaeu.xml", "eaeu#annex_1__point_3__subpoint_9", "ru", "body_field(eaeu_commission, competition, @)"));
    CHECK(proposes_in("eaeu.xml", "eaeu#annex_1__point_3__subpoint_18", "ru", "body_field(eaeu_commission, labour_migration, @)"));
    // The last sub-point names no domain ("иные сферы, определенные Договором"): nothing.
    for (const std::string& line : proposals(read_text(coded()->path() + "/eaeu.xml")))
        CHECK(line.rfind("eaeu#annex_1__point_3__subpoint_20 | ", 0) != 0);
    // Statute point 110: "... Апелляционная палата Суда выносит одно из следующих решений: ... 2) об
    // отмене ... решения Коллегии Суда" — the Appeals Chamber reviews the Board's ruling, read from
    // the lead-in, not the Court from the Statute's title.
    CHECK(proposes_in("eaeu.xml", "eaeu#annex_2__point_110__subpoint_2", "ru",
                      "appeal(eaeu_court_chamber, eaeu_court_appeals_chamber, @)"));
    CHECK_FALSE(proposes("eaeu.xml", "eaeu#annex_2__point_110__subpoint_2", "appeal(eaeu_court_chamber, eaeu_court, @)"));
    // TEU Art. 19(3): "The Court of Justice of the European Union shall, in accordance with the
    // Treaties: (a) rule on actions brought by ... a natural or legal person; (b) give preliminary
    // rulings ..." — the Court of the lead-in.
    CHECK(proposes("teu.xml", "teu#art_19__para_3__point_a", "dispute_item(teu_court, non_state_access, 2, @)"));
    CHECK(proposes("teu.xml", "teu#art_19__para_3__point_b", "dispute_item(teu_court, preliminary_ruling, 1, @)"));
}

TEST_CASE("code reads the remedy: retaliation after a ruling, not a safeguard's suspension", "[code]") {
    if (!full_corpus_database()) return;
    // EAEU Art. 93(7): "В случае если решения Суда Союза не выполняются ..., то государство-истец
    // вправе принять соразмерные ответные меры" — MIA remedy 1, as by hand.
    CHECK(proposes_in("eaeu.xml", "eaeu#art_93__para_7", "ru", "dispute_item(eaeu_court, remedy, 1, @)"));
    CHECK(proposes_in("eaeu.xml", "eaeu#art_93__para_7", "en", "dispute_item(eaeu_court, remedy, 1, @)"));
    // NAFTA Art. 2019(1) (ToTA pta_112): "If in its final report a panel has determined ..., such
    // complaining Party may suspend the application to the Party complained against of benefits";
    // a trade agreement's suspension of concessions for balance-of-payments difficulties (pta_113,
    // Art. 13(1)) is a safeguard, not a remedy.
    TemporaryDatabase database;
    TemporaryDirectory out;
    std::string tota = *tota_dir();
    ingest_and_code(database, out, "'" + tota + "/pta_112.xml' '" + tota + "/pta_113.xml'", "pta_112 pta_113");
    std::multiset<std::string> nafta = proposals(read_text(out.path() + "/pta_112.xml"));
    CHECK(nafta.count("pta_112#art_2019__para_1 | en | authority.remedy.en | dispute_item(pta_112_arbitral_tribunal, remedy, 1, @)") == 1);
    // Art. 2019(2)(b): "a complaining Party that considers it is not practicable or effective to
    // suspend benefits in the same sector or sectors may suspend benefits in other sectors" names
    // no panel; Article 2019 does ("If in its final report a panel has determined ..."), so the
    // retaliation is the panel's remedy. Art. 1414(5)(a), in the financial services chapter: the
    // same, its article naming the panel.
    CHECK(nafta.count("pta_112#art_2019__para_2__point_b | en | authority.remedy.complaining.en | "
                      "dispute_item(pta_112_arbitral_tribunal, remedy, 1, @)") == 1);
    CHECK(nafta.count("pta_112#art_1414__para_5__point_a | en | authority.remedy.complaining.en | "
                      "dispute_item(pta_112_arbitral_tribunal, remedy, 1, @)") == 1);
    CHECK_FALSE(contains(read_text(out.path() + "/pta_113.xml"), "remedy"));
}

TEST_CASE("code reads a free trade area: duties and quantitative restrictions abolished between the members", "[code]") {
    if (!full_corpus_database()) return;
    // CIS FTA 2011 Art. 2(1), Russian: "Сторона не применяет таможенные пошлины и иные платежи,
    // эквивалентные таможенным пошлинам, в отношении экспорта товара, предназначенного для
    // таможенной территории другой Стороны" — duties between the members, not the common tariff.
    CHECK(proposals(read_text(coded()->path() + "/cis-fta-2011.xml"))
              .count("cis-fta-2011#art_2__para_1 | ru | competence.free_trade.standstill | "
                     "norm(@, obligation, member_state, abolish_barrier, internal_market_goods)") == 1);

    // EFTA-Lebanon (ToTA pta_13): the active ("The EFTA States shall abolish on the date of entry
    // into force of this Agreement all customs duties on imports", Art. 6(2)), standstill ("No new
    // customs duties on imports ... shall be introduced", Art. 6(1)) and passive forms
    // ("Quantitative restrictions on imports ... shall be abolished", Art. 9(2)). NAFTA (pta_112):
    // "each Party shall progressively eliminate its customs duties" (Art. 302(2)); national
    // treatment "with respect to measures covered by this Chapter" under the heading "Government
    // Procurement" (Art. 1003(1)) is procurement, not trade at large.
    TemporaryDatabase database;
    TemporaryDirectory out;
    std::string tota = *tota_dir();
    ingest_and_code(database, out,
                    "'" + tota + "/pta_13.xml' '" + tota + "/pta_112.xml' '" + tota + "/pta_164.xml' '" + tota +
                        "/pta_262.xml' '" + tota + "/pta_104.xml' '" + tota + "/pta_339.xml'",
                    "pta_13 pta_112 pta_164 pta_262 pta_104 pta_339");
    std::multiset<std::string> efta = proposals(read_text(out.path() + "/pta_13.xml"));
    const std::string abolish = "norm(@, obligation, member_state, abolish_barrier, ";
    CHECK(efta.count("pta_13#art_6__para_2 | en | competence.free_trade.active | " + abolish + "internal_market_goods)") == 1);
    CHECK(efta.count("pta_13#art_6__para_1 | en | competence.free_trade.standstill | " + abolish + "internal_market_goods)") == 1);
    CHECK(efta.count("pta_13#art_6__para_1 | en | competence.free_trade.standstill | "
                     "norm(@, prohibition, member_state, unilateral_measure, internal_market_goods)") == 1);
    CHECK(efta.count("pta_13#art_9__para_2 | en | competence.free_trade.passive | " + abolish + "mutual_trade_restrictions)") == 1);
    // The general abolish rule gives way: no common external tariff is abolished.
    CHECK(first_containing(efta, "abolish_barrier, customs_tariff") == "");
    std::multiset<std::string> nafta = proposals(read_text(out.path() + "/pta_112.xml"));
    CHECK(nafta.count("pta_112#art_302__para_2 | en | competence.free_trade.active | " + abolish + "internal_market_goods)") == 1);
    CHECK(nafta.count("pta_112#art_1003__para_1 | en | competence.treatment.formula | "
                      "norm(@, obligation, member_state, grant_treatment, public_procurement)") == 1);

    // The African Common Market (pta_164): "Each Contracting Party shall, within five years from the
    // date of the coming into force of this Treaty, abolish all customs duties on its imports from the
    // other member countries" (Art. 2), "... abolish all restrictions on imports and exports" (Art. 5).
    std::multiset<std::string> acm = proposals(read_text(out.path() + "/pta_164.xml"));
    CHECK(acm.count("pta_164#art_2 | en | competence.free_trade.active | " + abolish + "internal_market_goods)") == 1);
    CHECK(acm.count("pta_164#art_5 | en | competence.free_trade.active | " + abolish + "mutual_trade_restrictions)") == 1);

    // Finland-Estonia (pta_262), Art. 2: "The trade between the Parties is conducted free of customs
    // duties and other charges having equivalent effect"; "... free of quantitative restrictions".
    std::multiset<std::string> protocol = proposals(read_text(out.path() + "/pta_262.xml"));
    CHECK(protocol.count("pta_262#art_2__para_1 | en | competence.free_trade.passive | " + abolish + "internal_market_goods)") == 1);
    CHECK(protocol.count("pta_262#art_2__para_2 | en | competence.free_trade.passive | " + abolish +
                         "mutual_trade_restrictions)") == 1);

    // Canada-Israel (pta_104), Art. 2.1: "neither Party may increase any existing customs duty"
    // (para. 1); "each Party shall, (a) by January 1, 1997, eliminate its customs duties" (para. 2,
    // an item whose lead-in holds the "shall").
    std::multiset<std::string> canada = proposals(read_text(out.path() + "/pta_104.xml"));
    CHECK(canada.count("pta_104#art_2.1__para_1 | en | competence.free_trade.standstill | " + abolish +
                       "internal_market_goods)") == 1);
    CHECK(canada.count("pta_104#art_2.1__para_2__point_a | en | competence.free_trade.item | " + abolish +
                       "internal_market_goods)") == 1);

    // Peru-Chile (pta_339), in Spanish, Art. 3.2: "Ninguna Parte mantendrá o aplicará nuevas
    // restricciones no arancelarias a la importación" (para. 1); "Las Partes convienen en liberar de
    // gravámenes su comercio recíproco" (para. 3).
    std::multiset<std::string> peru = proposals(read_text(out.path() + "/pta_339.xml"));
    CHECK(peru.count("pta_339#art_3.2__para_1 | es | competence.free_trade.standstill | " + abolish +
                     "mutual_trade_restrictions)") == 1);
    CHECK(peru.count("pta_339#art_3.2__para_3 | es | competence.free_trade.active | " + abolish +
                     "internal_market_goods)") == 1);

    // On the coded knowledge, EFTA-Lebanon is a free trade area, met by Arts. 6 and 9.
    auto analysis = run_program("analyze pta_13 --knowledge coded --coded-folder '" + out.path() + "' --format json",
                                database.path());
    INFO(analysis.err);
    REQUIRE(analysis.exit_code == 0);
    nlohmann::json tables = nlohmann::json::parse(analysis.out)["tables"];
    CHECK(tables["summary"].at(0)["nominal_stage"] == "fta");
    std::string met_by;
    for (const auto& row : tables["stages"])
        if (row["condition"] == "internal_barriers_abolished") met_by = row["met_by"].get<std::string>();
    CHECK(contains(met_by, "Art. 6(2)"));
    CHECK(contains(met_by, "Art. 9(2)"));
}

TEST_CASE("code reads LAIA's two-thirds vote of its three organs and their composition, in Spanish", "[code]") {
    if (!full_corpus_database()) return;
    // ToTA pta_123, the Montevideo Treaty of 1980: "El Consejo, la Conferencia y el Comité adoptarán
    // sus decisiones con el voto afirmativo de dos tercios de los países miembros" (Art. 43; the
    // Conference's name is in no lexicon), "El Comité estará constituido por un Representante
    // Permanente de cada país miembro" (Art. 36), "El Consejo estará constituido por los Ministros de
    // Relaciones Exteriores" (Art. 31).
    TemporaryDatabase database;
    TemporaryDirectory out;
    ingest_and_code(database, out, "'" + *tota_dir() + "/pta_123.xml'", "pta_123");
    std::multiset<std::string> laia = proposals(read_text(out.path() + "/pta_123.xml"));
    const std::string vote = "pta_123#art_43 | es | decision.qmv.affirmative_vote.es | decision_rule(";
    CHECK(laia.count(vote + "pta_123_council, qualified_majority, 2, 3, members, @)") == 1);
    CHECK(laia.count(vote + "pta_123_committee, qualified_majority, 2, 3, members, @)") == 1);
    CHECK(laia.count("pta_123#art_36 | es | bodies.composition.es | "
                     "body_composition(pta_123_committee, state_representatives, @)") == 1);
    CHECK(laia.count("pta_123#art_31 | es | bodies.composition.es | body_composition(pta_123_council, ministers, @)") == 1);
}

TEST_CASE("code reads a founding treaty in French: bodies, decision rules, courts, obligations, exceptions, parties", "[code]") {
    // tests/data/coding/traite_demo_fr.xml: a treaty composed for this test in the phrasing of
    // francophone integration treaties (no French treaty is in the corpus), in the ToTA layout.
    TemporaryDatabase database;
    TemporaryDirectory out;
    ingest_and_code(database, out, "'" + source_dir() + "/tests/data/coding/traite_demo_fr.xml'", "pta_9001");
    std::multiset<std::string> coded = proposals(read_text(out.path() + "/pta_9001.xml"));
    auto has = [&](const std::string& provision, const std::string& rule, const std::string& fact) {
        return coded.count("pta_9001#" + provision + " | fr | " + rule + " | " + fact) == 1;
    };
    // Bodies: the list of organs (the Conference of Heads of State is the summit), composition,
    // seats "à raison d'un ministre par État membre", the Commission's independence, oath and
    // nationality rule.
    CHECK(has("art_1__point_a", "bodies.institutions_item", "body(pta_9001_summit, intergovernmental, @)"));
    CHECK(has("art_1__point_d", "bodies.institutions_item", "body(pta_9001_court, judicial, @)"));
    CHECK(has("art_2", "bodies.composition.fr", "body_composition(pta_9001_council_of_ministers, ministers, @)"));
    CHECK(has("art_2", "bodies.seats_each.en", "seats_per_state(pta_9001_council_of_ministers, 1, @)"));
    CHECK(has("art_4", "bodies.independent_members.es_fr", "staffing_rule(pta_9001_commission, independence, @)"));
    CHECK(has("art_4", "bodies.independent_members.es_fr", "body_composition(pta_9001_commission, independent_members, @)"));
    CHECK(has("art_4", "bodies.nationality_cap.es_fr", "staffing_rule(pta_9001_commission, nationality_cap, @)"));
    CHECK(has("art_7", "bodies.seats_each.en", "seats_per_state(pta_9001_court, 1, @)"));
    // Decision rules: unanimity as the Council's default, two thirds, consensus of the summit.
    CHECK(has("art_2", "decision.unanimity.fr", "decision_rule(pta_9001_council_of_ministers, unanimity, 1, 1, members, @)"));
    CHECK(has("art_3", "decision.qmv.fr", "decision_rule(pta_9001_council_of_ministers, qualified_majority, 2, 3, members, @)"));
    CHECK(has("art_5", "decision.consensus.fr", "decision_rule(pta_9001_summit, consensus, 1, 1, members, @)"));
    // Dispute settlement: the Court as forum, binding judgments, access of natural and legal persons.
    CHECK(has("art_7", "dispute.forum.es_fr", "body(pta_9001_court, judicial, @)"));
    CHECK(has("art_7", "authority.binding_rulings.es_fr", "dispute_item(pta_9001_court, binding, 2, @)"));
    CHECK(has("art_7", "authority.private_access.es_fr", "dispute_item(pta_9001_court, non_state_access, 2, @)"));
    // Competence and obligations, with the domain named.
    CHECK(has("art_8", "competence.abolish.fr", "norm(@, obligation, member_state, abolish_barrier, customs_tariff)"));
    CHECK(has("art_8", "autonomy.refrain", "norm(@, prohibition, member_state, unilateral_measure, non_tariff_measures)"));
    CHECK(has("art_9", "competence.harmonize", "competence(public_procurement, agreed, @)"));
    CHECK(has("art_9", "competence.coordinate", "competence(macroeconomic_policy, coordinated, @)"));
    CHECK(has("art_12", "competence.notify", "norm(@, obligation, member_state, notify, external_trade)"));
    // National autonomy: the general exception, a safeguard, a state's own measures, withdrawal.
    CHECK(has("art_10", "autonomy.general_exception.es_fr", "norm(@, permission, member_state, exception, external_trade)"));
    CHECK(has("art_11", "autonomy.safeguard", "norm(@, permission, member_state, exception, trade_remedies)"));
    CHECK(has("art_11", "autonomy.may_measures", "norm(@, permission, member_state, unilateral_measure, trade_remedies)"));
    CHECK(has("art_14", "autonomy.withdrawal", "norm(@, right, member_state, unilateral_measure, economy)"));
    // Parties: "ci-après dénommés les « États membres »" and the signature block.
    for (const char* state : {"BFA", "MLI", "NER", "SEN"}) {
        CHECK(has("art_unnumbered-1", "parties.hereinafter.fr", std::string("member_state(pta_9001, ") + state + ")"));
        CHECK(has("art_16", "parties.signature", std::string("member_state(pta_9001, ") + state + ")"));
    }
    // The coded file verifies like hand-made knowledge.
    auto check = run_program("check '" + out.path() + "/pta_9001.xml'", database.path());
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);
}

TEST_CASE("code reads a member's opt-out from a decision and its veto inside a majority vote (TEU Art. 31)", "[code]") {
    if (!full_corpus_database()) return;
    // Art. 31(1), constructive abstention: "it shall not be obliged to apply the decision"; Art.
    // 31(2), the emergency brake: "for vital and stated reasons of national policy, it intends to
    // oppose the adoption of a decision to be taken by qualified majority" — a right of the state
    // to an exception in the CFSP, as by hand.
    const std::string fact = "norm(@, right, member_state, exception, foreign_security_policy)";
    CHECK(proposes_in("teu.xml", "teu#art_31__para_1", "en", fact));
    CHECK(proposes_in("teu.xml", "teu#art_31__para_2__wrap", "en", fact));
    // "A Party shall not be obliged to apply Paragraph 1 before ..." is the scope of an obligation,
    // not a decision to stay out of: no other TEU provision, and no opt-out in the other texts.
    for (const char* file : {"teu.xml", "eaeu.xml", "mercosur.xml", "cuc-2007.xml"})
        for (const std::string& line : proposals(read_text(coded()->path() + "/" + std::string(file)))) {
            bool opt_out = contains(line, "autonomy.opt_out_decision") || contains(line, "autonomy.emergency_brake");
            if (opt_out) CHECK((line.rfind("teu#art_31__para_1 ", 0) == 0 || line.rfind("teu#art_31__para_2__wrap ", 0) == 0));
        }
}

TEST_CASE("code reads a body's rule in one domain: the TEU's common foreign and security policy", "[code]") {
    if (!full_corpus_database()) return;
    // "It shall be defined and implemented by the European Council and the Council acting
    // unanimously" (Art. 24(1): "It" is the policy the chapter's heading names) and "Decisions under
    // this Chapter shall be taken by ... acting unanimously" (Art. 31(1)): unanimity in the CFSP,
    // whatever the Council's default qualified majority; as by hand.
    for (const char* provision : {"teu#art_24__para_1", "teu#art_31__para_1"})
        for (const char* body : {"teu_council", "teu_european_council"}) {
            INFO(provision << " " << body);
            CHECK(proposes_in("teu.xml", provision, "en",
                              std::string("domain_rule(") + body + ", foreign_security_policy, unanimity, @)"));
            CHECK(proposes_in("teu.xml", provision, "en", std::string("body_domain(") + body + ", foreign_security_policy, @)"));
        }
    // "Decisions relating to the common security and defence policy ... shall be adopted by the
    // Council acting unanimously" (Art. 42(4)): the domain named in the sentence.
    CHECK(proposes_in("teu.xml", "teu#art_42__para_4", "en", "domain_rule(teu_council, foreign_security_policy, unanimity, @)"));
    // On the coded knowledge alone, the CFSP is a veto point inside a Union domain, as by hand.
    auto result = run_program("compare teu --knowledge coded --coded-folder '" + coded()->path() +
                                  "' --format csv --table findings",
                              *full_corpus_database());
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(contains(result.out, "veto_point,Veto point in a Union domain,foreign_security_policy"));
}

TEST_CASE("code finds the EAEU's decision rules, review, autonomy and staffing clauses", "[code]") {
    if (!full_corpus_database()) return;
    CHECK(proposes("eaeu.xml", "eaeu#art_13__para_2", "decision_rule(eaeu_supreme_council, consensus, 1, 1, members, @)"));
    CHECK(proposes("eaeu.xml", "eaeu#art_18__para_2",
                   "decision_rule(eaeu_commission_board, qualified_majority, 2, 3, members, @)"));
    CHECK(proposes("eaeu.xml", "eaeu#annex_1__point_30", "appeal(eaeu_commission_board, eaeu_commission_council, @)"));
    CHECK(proposes("eaeu.xml", "eaeu#art_47", "norm(@, permission, member_state, unilateral_measure, non_tariff_measures)"));
    CHECK(proposes("eaeu.xml", "eaeu#art_92__para_1", "norm(@, right, member_state, national_policy, industrial_policy)"));
    CHECK(proposes("eaeu.xml", "eaeu#art_9__para_2", "staffing_rule(eaeu_commission, nationality_cap, @)"));
}

TEST_CASE("code finds the weighted votes of the 2007 Commission, TEU's QMV and MERCOSUR's consensus", "[code]") {
    if (!full_corpus_database()) return;
    CHECK(proposes("cuc-2007.xml", "cuc-2007#art_7", "vote_weight(cuc_2007_commission, RUS, 57.0, @)"));
    CHECK(proposes("cuc-2007.xml", "cuc-2007#art_7", "vote_weight(cuc_2007_commission, BLR, 21.5, @)"));
    CHECK(proposes("cuc-2007.xml", "cuc-2007#art_7", "vote_weight(cuc_2007_commission, KAZ, 21.5, @)"));
    CHECK(proposes("cuc-2007.xml", "cuc-2007#art_7",
                   "decision_rule(cuc_2007_commission, weighted_majority, 2, 3, votes, @)"));
    CHECK(proposes("teu.xml", "teu#art_16__para_4", "decision_rule(teu_council, qualified_majority, 55, 100, members, @)"));
    CHECK(proposes("teu.xml", "teu#art_16__para_4",
                   "decision_rule(teu_council, qualified_majority, 65, 100, population, @)"));
    CHECK(proposes("mercosur.xml", "mercosur#art_16",
                   "decision_rule(mercosur_common_market_council, consensus, 1, 1, members, @)"));
    CHECK(proposes("mercosur.xml", "mercosur#art_16",
                   "decision_rule(mercosur_common_market_group, consensus, 1, 1, members, @)"));
    // Art. 1: "The States Parties hereby decide to establish a common market, ...": an undertaking to
    // free trade in goods, as "shall establish" is (its domain from the provision, "the free movement
    // of goods"); the coded MERCOSUR had no Balassa condition met before.
    CHECK(proposes("mercosur.xml", "mercosur#art_1", "norm(@, obligation, member_state, abolish_barrier, internal_market_goods)"));
    // TEU Art. 3(3) "The Union shall establish an internal market": the Union's undertaking, as the
    // hand coding reads it.
    CHECK(proposes("teu.xml", "teu#art_3__para_3", "norm(@, obligation, union, abolish_barrier, internal_market_goods)"));
}

TEST_CASE("code reads a body's default rule where the text states it as the default", "[code]") {
    if (!full_corpus_database()) return;
    // "The Council shall act by a qualified majority except where the Treaties provide otherwise."
    CHECK(proposes("teu.xml", "teu#art_16__para_3", "general_rule(teu_council, qualified_majority, @)"));
    // "Except where the Treaties provide otherwise, decisions of the European Council shall be taken by consensus."
    CHECK(proposes("teu.xml", "teu#art_15__para_4", "general_rule(teu_european_council, consensus, @)"));
    // A rule for one kind of decision is no default: Art. 31(5)'s simple majority on procedural
    // questions and Art. 7(3)'s qualified majority stay decision rules.
    std::string xml = read_text(coded()->path() + "/teu.xml");
    CHECK_FALSE(contains(xml, "general_rule(teu_council, simple_majority"));
    CHECK_FALSE(contains(xml, "general_rule(teu_council, unanimity"));
    // The budget area has no rule of its own in the TEU: the coded Council is scored there by its
    // default (Art. 16(3)), not by the most majoritarian rule it has anywhere (Art. 31(5)).
    auto result = run_program("analyze teu --knowledge coded --coded-folder '" + coded()->path() + "'",
                              *full_corpus_database());
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    std::smatch budget;
    REQUIRE(std::regex_search(result.out, budget, std::regex(R"(\nbudget +[^\n]*)")));
    INFO(budget.str());
    CHECK(contains(budget.str(), "teu_council [state, qualified_majority 0.67]"));
    CHECK(contains(budget.str(), "TEU, Art. 16(3)"));
    CHECK_FALSE(contains(budget.str(), "simple_majority"));
}

TEST_CASE("code reads the parties of a preamble that names heads of state, not states", "[code]") {
    if (!full_corpus_database()) return;
    // The consolidated TEU opens with the twelve signatories of 1992: "HIS MAJESTY THE KING OF THE
    // BELGIANS, HER MAJESTY THE QUEEN OF DENMARK, THE PRESIDENT OF THE FEDERAL REPUBLIC OF GERMANY,
    // ...". The text names no later member, so none is proposed.
    std::string xml = read_text(coded()->path() + "/teu.xml");
    for (const char* state : {"BEL", "DNK", "DEU", "IRL", "GRC", "ESP", "FRA", "ITA", "LUX", "NLD", "PRT", "GBR"}) {
        INFO(state);
        CHECK(proposes("teu.xml", "teu#preamble", std::string("member_state(teu, ") + state + ")"));
    }
    CHECK_FALSE(contains(xml, "member_state(teu, AUT)"));
    CHECK(contains(xml, "<quote lang=\"en\">HIS MAJESTY THE KING OF THE BELGIANS, HER MAJESTY THE QUEEN OF DENMARK,"));
}

TEST_CASE("code reads the accession treaties: Armenia and Kyrgyzstan become members of the EAEU", "[code]") {
    if (!full_corpus_database()) return;
    // "Under this Treaty, the Republic of Armenia accedes to the Treaty on the Eurasian Economic
    // Union dated 29 May 2014, ..." (English, ToTA pta_441); "Hereby Kyrgyz Republic enters to the
    // Treaty on Eurasian Economic Union from 29 May 2014, ..." (pta_444): the treaty named is the
    // stored EAEU Treaty, so the state is a member of `eaeu`, not only a party of its accession.
    CHECK(proposes_in("eaeu-arm.xml", "eaeu-arm#art_1", "en", "member_state(eaeu, ARM)"));
    CHECK(proposes_in("eaeu-kgz.xml", "eaeu-kgz#art_1", "en", "member_state(eaeu, KGZ)"));
    const std::string arm = read_text(coded()->path() + "/eaeu-arm.xml");
    CHECK(contains(arm, "rule=\"parties.accession.en\""));
    // The Kyrgyz preamble names the Armenian accession treaty in passing ("taking into consideration
    // signed on 10 October 2014 of the Treaty on the Accession by Republic of Armenia ..."): no
    // member_state(eaeu, ARM) comes from the Kyrgyz treaty.
    CHECK_FALSE(contains(read_text(coded()->path() + "/eaeu-kgz.xml"), "member_state(eaeu, ARM)"));
}

TEST_CASE("code places EAEU bodies in MIA decision areas, reads its parties, and coded delegation is not zero",
          "[code]") {
    if (!full_corpus_database()) return;
    // Authority: the Supreme Council approves the budget (Art. 20(2)), quoted verbatim.
    bool budget = false;
    for (const std::string& line : proposals(read_text(coded()->path() + "/eaeu.xml")))
        budget = budget || (line.rfind("eaeu#art_20__para_2 | ru | authority.", 0) == 0 &&
                            contains(line, "area_role(eaeu_supreme_council, budget, final, @)"));
    CHECK(budget);
    std::string xml = read_text(coded()->path() + "/eaeu.xml");
    CHECK(contains(xml, "<quote lang=\"ru\">Бюджет Союза и Положение о бюджете Евразийского экономического союза "
                        "утверждаются Высшим советом"));
    // The Court of the Union is a standing court (Statute, Annex 2 point 1).
    CHECK(proposes("eaeu.xml", "eaeu#annex_2__point_1", "dispute_item(eaeu_court, tribunal, 2, @)"));
    // Parties from the EAEU's own text: the preamble names the three founders; the allocation of
    // import duties among the member states (Annex 5 point 12) names all five.
    for (const char* state : {"ARM", "BLR", "KAZ", "KGZ", "RUS"}) {
        INFO(state);
        bool named = false;
        for (const std::string& line : proposals(xml))
            named = named || contains(line, std::string("member_state(eaeu, ") + state + ")");
        CHECK(named);
    }
    CHECK(proposes("eaeu.xml", "eaeu#preamble", "member_state(eaeu, RUS)"));
    CHECK_FALSE(contains(xml, "member_state(eaeu, UKR)"));

    // On the coded knowledge alone the EAEU has its five members and a non-zero delegation.
    auto result = run_program("analyze eaeu --knowledge coded --coded-folder '" + coded()->path() + "' --format json",
                              *full_corpus_database());
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    nlohmann::json summary = nlohmann::json::parse(result.out)["tables"]["summary"].at(0);
    INFO(summary.dump());
    std::set<std::string> members;
    std::istringstream words(summary["members"].get<std::string>());
    for (std::string word; words >> word;) members.insert(word);
    CHECK(members == std::set<std::string>{"ARM", "BLR", "KAZ", "KGZ", "RUS"});
    CHECK(summary["delegation"].get<double>() > 0.0);
    // Goods move between the members "без применения таможенного декларирования и государственного
    // контроля" (Art. 25(1) point 5), the customs union's last condition; the single market in
    // services is formed sector by sector (Art. 66(3)) and the financial market is harmonised "к 2025
    // году" (Art. 103(1)): the coded EAEU reads the hand coding's stages, nominally an economic
    // union, effectively a customs union with a partial common market.
    CHECK(proposes("eaeu.xml", "eaeu#art_25__para_1__point_5", "trade_regime(internal_customs_control, abolished, @)"));
    CHECK(proposes("eaeu.xml", "eaeu#art_66__para_3", "factor_coverage(services_establishment_investment, sectors, @)"));
    CHECK(proposes("eaeu.xml", "eaeu#art_103__para_1", "factor_coverage(financial_markets, pending, @)"));
    CHECK(summary["nominal_stage"] == "economic_union");
    CHECK(summary["effective_stage"] == "customs_union");
    CHECK(summary["effective_partial"] == "common_market");
}

TEST_CASE("Coded knowledge passes check: every proposed quote verifies against its provision", "[code]") {
    if (!full_corpus_database()) return;
    std::string files;
    for (const char* name : {"eaeu.xml", "cuc-2007.xml", "teu.xml", "mercosur.xml"})
        files += " '" + coded()->path() + "/" + name + "'";
    auto result = run_program("check" + files, *full_corpus_database());
    INFO(result.out << result.err);
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "quotes verified"));
}

TEST_CASE("Deleting one coding rule removes exactly its proposals", "[code]") {
    if (!full_corpus_database()) return;
    TemporaryDirectory rules, out;
    std::string arguments;
    const std::string removed = "decision.consensus.ru";
    bool found = false;
    for (const auto& entry : fs::directory_iterator(source_dir() + "/kb/coding")) {
        std::string text = read_text(entry.path().string());
        std::size_t start = text.find("<rule id=\"" + removed + "\"");
        if (start != std::string::npos) {
            std::size_t end = text.find("</rule>", start) + std::string("</rule>").size();
            text.erase(start, end - start);
            found = true;
        }
        arguments += " --coding '" + rules.write(entry.path().filename().string(), text) + "'";
    }
    REQUIRE(found);
    auto result = run_program("code eaeu -o '" + out.path() + "'" + arguments, *full_corpus_database());
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    std::multiset<std::string> all = proposals(read_text(coded()->path() + "/eaeu.xml"));
    std::multiset<std::string> without = proposals(read_text(out.path() + "/eaeu.xml"));
    std::multiset<std::string> expected;
    std::size_t of_rule = 0;
    for (const std::string& line : all) {
        if (contains(line, " | " + removed + " | ")) ++of_rule;
        else expected.insert(line);
    }
    CHECK(of_rule > 0);
    CHECK(without == expected);
}

TEST_CASE("code with several workers writes what one worker writes, and the same --stats", "[code]") {
    if (!full_corpus_database()) return;
    const std::string instruments = "eaeu cuc-2007 teu mercosur eaeu-arm eaeu-kgz cis-fta-2011";
    TemporaryDirectory one, three;
    auto alone = run_program("code " + instruments + " --stats -j 1 -o '" + one.path() + "'", *full_corpus_database());
    auto side_by_side = run_program("code " + instruments + " --stats -j 3 -o '" + three.path() + "'", *full_corpus_database());
    INFO(alone.err << side_by_side.err);
    REQUIRE(alone.exit_code == 0);
    REQUIRE(side_by_side.exit_code == 0);
    std::size_t files = 0;
    for (const auto& entry : fs::directory_iterator(one.path())) {
        ++files;
        INFO(entry.path().filename().string());
        CHECK(read_text(entry.path().string()) == read_text(three.path() + "/" + entry.path().filename().string()));
    }
    CHECK(files == 7);
    // The listing names the folder: compare the lines with the folder taken out.
    auto without_folder = [](std::string text, const std::string& folder) {
        for (std::size_t at; (at = text.find(folder)) != std::string::npos;) text.erase(at, folder.size());
        return text;
    };
    CHECK(without_folder(alone.out, one.path()) == without_folder(side_by_side.out, three.path()));
    CHECK(contains(alone.out, "decision.consensus.ru\tdecision_rules\t"));
}

TEST_CASE("code reads the Commission as the organ the text defines it as, or a heading above names", "[code]") {
    auto tota = tota_dir();
    if (!tota) return;
    // Hong Kong, China-Chile (ToTA pta_408) Art. 2.1(b) "Commission means the Free Trade Commission
    // established under Article 16.1", and Art. 16.2(3) "All decisions of the Commission shall be
    // taken by mutual agreement": the Free Trade Commission's rule, the note naming the definition.
    // pta_139 Art. 76, headed "Mandate Of The Free Trade Commission": "All decisions of the
    // Commission shall be taken by consensus".
    std::map<std::string, std::string> coded = coded_tota(*tota, {"pta_408", "pta_139"});
    const std::string& defined = coded["pta_408"];
    std::multiset<std::string> by_definition = proposals(defined);
    CHECK(by_definition.count("pta_408#art_16.2__para_3 | en | decision.consensus.passive.en | "
                              "decision_rule(pta_408_free_trade_commission, consensus, 1, 1, members, @)") == 1);
    CHECK(by_definition.count("pta_408#art_16.2__para_3 | en | decision.consensus.passive.en | "
                              "decision_rule(pta_408_commission, consensus, 1, 1, members, @)") == 0);
    CHECK(contains(defined, "<note>&quot;Commission&quot; read as pta_408_free_trade_commission by the definition at "
                            "art_2.1__point_b</note>"));
    std::multiset<std::string> by_heading = proposals(coded["pta_139"]);
    CHECK(by_heading.count("pta_139#art_76__para_2 | en | decision.consensus.passive.en | "
                           "decision_rule(pta_139_free_trade_commission, consensus, 1, 1, members, @)") == 1);
    CHECK(by_heading.count("pta_139#art_76__para_2 | en | decision.consensus.passive.en | "
                           "decision_rule(pta_139_commission, consensus, 1, 1, members, @)") == 0);
}

TEST_CASE("code reads no forum in a tribunal's mandate to examine the dispute submitted to its consideration", "[code]") {
    auto tota = tota_dir();
    if (!tota) return;
    // Costa Rica-Mexico (ToTA pta_18) Art. 17-11(3): "La misión del tribunal arbitral ... será:
    // 'Examinar ... la controversia sometida a su consideración en los términos de la solicitud para
    // la reunión de la Comisión ...'": the Commission is not where the dispute is submitted.
    std::multiset<std::string> mandate = proposals(coded_tota(*tota, {"pta_18"})["pta_18"]);
    for (const std::string& line : mandate) {
        INFO(line);
        CHECK_FALSE((contains(line, "pta_18#art_17-11__para_3 |") && contains(line, "body(pta_18_commission")));
    }
    CHECK_FALSE(mandate.empty());
}

TEST_CASE("code reads the parties' own commissions as intergovernmental, and their decisions as those commissions'", "[code]") {
    auto tota = tota_dir();
    if (!tota) return;
    std::map<std::string, std::string> coded = coded_tota(*tota, {"pta_42", "pta_23", "pta_104", "pta_3"});
    // Armenia-Turkmenistan (pta_42) Art. 15: "to establish a joint Armenian-Turkmen commission".
    std::multiset<std::string> joint = proposals(coded["pta_42"]);
    CHECK(joint.count("pta_42#art_15 | en | bodies.establish.en | body(pta_42_joint_committee, intergovernmental, @)") == 1);
    // pta_23 Art. 3.18: "The Parties shall establish an Agriculture Review Commission".
    std::multiset<std::string> review = proposals(coded["pta_23"]);
    CHECK(review.count("pta_23#art_3.18 | en | bodies.establish.en | "
                       "body(pta_23_review_commission, intergovernmental, @)") == 1);
    // Canada-Israel (pta_104) Art. 8.2: "the Canada-Israel Trade Commission (The Commission)", and
    // para. 5 "All decisions of the Commission shall be taken by consensus": that commission's rule.
    std::multiset<std::string> trade = proposals(coded["pta_104"]);
    CHECK(trade.count("pta_104#art_8.2__para_1 | en | bodies.establish.en | "
                      "body(pta_104_free_trade_commission, intergovernmental, @)") == 1);
    CHECK(trade.count("pta_104#art_8.2__para_5 | en | decision.consensus.passive.en | "
                      "decision_rule(pta_104_free_trade_commission, consensus, 1, 1, members, @)") == 1);
    // pta_3 Art. 189: "The Parties hereby establish a Commission which shall be co-chaired by
    // Ministers or senior officials of the Parties".
    std::multiset<std::string> chaired = proposals(coded["pta_3"]);
    CHECK(chaired.count("pta_3#art_189 | en | bodies.establish.of_the_parties.en | "
                        "body(pta_3_commission, intergovernmental, @)") == 1);
    // None of the four has a supranational commission.
    for (const auto& [alias, text] : coded) {
        INFO(alias);
        CHECK_FALSE(contains(text, "_commission, supranational"));
    }
}

TEST_CASE("code reads the arbitral panel a Spanish text provides for, and none where it may not be established", "[code]") {
    auto tota = tota_dir();
    if (!tota) return;
    std::map<std::string, std::string> coded = coded_tota(*tota, {"pta_417", "pta_406", "pta_433"});
    // pta_417 Art. 10.28(5): "se establecerá un Panel Arbitral de conformidad con el Artículo 18.8".
    CHECK(proposals(coded["pta_417"]).count("pta_417#art_10.28__para_5 | es | bodies.establish.es | "
                                            "body(pta_417_arbitral_tribunal, judicial, @)") == 1);
    // pta_406 Art. 12.28(5) provides for a panel; Art. 15.5(5) "No podrá establecerse un panel para
    // revisar una medida en proyecto" establishes none.
    std::multiset<std::string> panels = proposals(coded["pta_406"]);
    CHECK(panels.count("pta_406#art_12.28__para_5 | es | bodies.establish.es | "
                       "body(pta_406_arbitral_tribunal, judicial, @)") == 1);
    CHECK(first_containing(panels, "pta_406#art_15.5__para_5 | es | bodies.establish.es") == "");
    // pta_433 Art. 17.8(3), the organ before the verb: "se entenderá que el Panel Arbitral ha sido
    // establecido por la Comisión Administradora".
    CHECK(proposals(coded["pta_433"]).count("pta_433#art_17.8__para_3 | es | bodies.shall_be_established.es | "
                                            "body(pta_433_arbitral_tribunal, judicial, @)") == 1);
}

TEST_CASE("code reads an ad hoc tribunal where a party may request a panel or the text composes it", "[code]") {
    auto tota = tota_dir();
    if (!tota) return;
    // NAFTA (pta_112) Art. 2008(1)(c): "any consulting Party may request in writing the
    // establishment of an arbitral panel"; Art. 2011(1)(a): "The panel shall comprise five members."
    std::multiset<std::string> nafta = proposals(coded_tota(*tota, {"pta_112"})["pta_112"]);
    CHECK(nafta.count("pta_112#art_2008__para_1__point_c | en | authority.ad_hoc_tribunal.en | "
                      "dispute_item(pta_112_arbitral_tribunal, tribunal, 1, @)") == 1);
    CHECK(nafta.count("pta_112#art_2011__para_1__point_a | en | authority.ad_hoc_tribunal.en | "
                      "dispute_item(pta_112_arbitral_tribunal, tribunal, 1, @)") == 1);
    // Art. 804: "No Party may request the establishment of an arbitral panel under Article 2008
    // ... regarding any proposed emergency action" gives no panel.
    CHECK(first_containing(nafta, "pta_112#art_804 |") == "");
}

TEST_CASE("code reads decisions by mutual agreement as consensus and by majority vote as a simple majority", "[code]") {
    auto tota = tota_dir();
    if (!tota) return;
    // Canada-Chile (pta_101) Art. N-01(4): "All decisions of the Commission shall be taken by mutual
    // agreement": the Commission's rule, and its default (all its decisions). The Commission is the
    // Free Trade Commission that N-01(1) establishes: the article names it in full. Israel-EC-era
    // arbitration clauses, here pta_223 Art. 113(4): "The arbitrators' decisions shall be taken by
    // majority vote": a majority of the members, no threshold stated.
    std::map<std::string, std::string> coded = coded_tota(*tota, {"pta_101", "pta_223"});
    std::multiset<std::string> canada_chile = proposals(coded["pta_101"]);
    CHECK(canada_chile.count("pta_101#art_n-01__para_4 | en | decision.consensus.passive.en | "
                             "decision_rule(pta_101_free_trade_commission, consensus, 1, 1, members, @)") == 1);
    CHECK(canada_chile.count("pta_101#art_n-01__para_4 | en | decision.default.passive.en | "
                             "general_rule(pta_101_free_trade_commission, consensus, @)") == 1);
    std::multiset<std::string> arbitration = proposals(coded["pta_223"]);
    CHECK(arbitration.count("pta_223#art_113__para_4 | en | decision.simple_majority.vote.en | "
                            "decision_rule(pta_223_arbitral_tribunal, simple_majority, 1, 2, members, @)") == 1);

    // "by a majority (vote) of two thirds" and "by majority vote, require the affirmative vote of
    // three Member States" state a threshold: not a simple majority. The same in Spanish and French,
    // where the body is the sentence's subject, not the organ the tribunal reports to (composed
    // treaties in ToTA's format, one sentence per article).
    auto composed = [](const std::string& identifier, const std::string& language,
                       const std::vector<std::string>& sentences) {
        std::string xml = "<?xml version=\"1.0\"?>\n<treaty>\n<meta><treaty_identifier>" + identifier +
                          "</treaty_identifier><name>Test Agreement</name><date_signed>2001-01-01</date_signed>"
                          "<language>" + language + "</language></meta>\n<body><chapter number=\"CHAPTER I\">\n";
        for (std::size_t i = 0; i < sentences.size(); ++i)
            xml += "<article number=\"ARTICLE " + std::to_string(i + 1) + "\">" + sentences[i] + "</article>\n";
        return xml + "</chapter></body>\n</treaty>\n";
    };
    TemporaryDirectory texts;
    std::string english = texts.write(
        "pta_9001.xml", composed("9001", "en",
                                 {"The arbitration panel shall take its decisions by a majority vote of two thirds of its members.",
                                  "The arbitration panel shall take its decisions by majority vote.",
                                  "Decisions of the Council which are to be made by majority vote require the affirmative "
                                  "vote of three Member States."}));
    std::string spanish = texts.write(
        "pta_9002.xml", composed("9002", "es",
                                 {"El tribunal arbitral presentará a la Comisión una decisión final, acordada por mayoría.",
                                  "El tribunal arbitral adoptará sus decisiones por mayoría de dos tercios.",
                                  "El grupo arbitral tomará sus decisiones por mayoría de votos."}));
    std::string french = texts.write(
        "pta_9003.xml", composed("9003", "fr",
                                 {"Le groupe spécial statue à la majorité des voix.",
                                  "Le Conseil statue à la majorité des deux tiers."}));
    TemporaryDatabase scratch;
    TemporaryDirectory coded_out;
    ingest_and_code(scratch, coded_out, "'" + english + "' '" + spanish + "' '" + french + "'",
                    "pta_9001 pta_9002 pta_9003");
    auto simple_majorities = [&](const std::string& identifier) {
        std::vector<std::string> out;
        for (const std::string& line : proposals(read_text(coded_out.path() + "/pta_" + identifier + ".xml")))
            if (contains(line, "simple_majority")) out.push_back(line);
        return out;
    };
    CHECK(simple_majorities("9001") ==
          std::vector<std::string>{"pta_9001#art_2 | en | decision.simple_majority.vote.en | "
                                   "decision_rule(pta_9001_arbitral_tribunal, simple_majority, 1, 2, members, @)"});
    CHECK(simple_majorities("9002") ==
          std::vector<std::string>{"pta_9002#art_1 | es | decision.simple_majority.vote.es | "
                                   "decision_rule(pta_9002_arbitral_tribunal, simple_majority, 1, 2, members, @)",
                                   "pta_9002#art_3 | es | decision.simple_majority.vote.es | "
                                   "decision_rule(pta_9002_arbitral_tribunal, simple_majority, 1, 2, members, @)"});
    CHECK(simple_majorities("9003") ==
          std::vector<std::string>{"pta_9003#art_1 | fr | decision.simple_majority.vote.fr | "
                                   "decision_rule(pta_9003_arbitral_tribunal, simple_majority, 1, 2, members, @)"});
}

TEST_CASE("code -j rejects a number of workers out of range", "[code]") {
    if (!full_corpus_database()) return;
    TemporaryDirectory out;
    auto result = run_program("code eaeu -j 0 -o '" + out.path() + "'", *full_corpus_database());
    CHECK(result.exit_code != 0);
    CHECK(contains(result.err, "jobs"));
    CHECK(fs::is_empty(out.path()));
}

TEST_CASE("code --stats lists the rules that matched nothing", "[code]") {
    if (!full_corpus_database()) return;
    TemporaryDirectory out;
    auto result = run_program("code cuc-2007 --stats -o '" + out.path() + "'", *full_corpus_database());
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(contains(result.out, "rule\tclass\tmatches\tunresolved\tproposals"));
    CHECK(contains(result.out, "matched nothing: decision.consensus.fr ("));
}

TEST_CASE("Coding a missing instrument: one clear line, non-zero exit, nothing written", "[code]") {
    if (!full_corpus_database()) return;
    TemporaryDirectory parent;
    std::string folder = parent.path() + "/out";
    auto result = run_program("code eaeu no-such-treaty -o '" + folder + "'", *full_corpus_database());
    CHECK(result.exit_code != 0);
    CHECK(contains(result.err, "no-such-treaty"));
    CHECK(std::count(result.err.begin(), result.err.end(), '\n') <= 2);  // the error and its hint
    CHECK_FALSE(fs::exists(folder));
}

TEST_CASE("code refuses to write into the hand-made knowledge", "[code]") {
    if (!full_corpus_database()) return;
    auto result = run_program("code eaeu -o '" + source_dir() + "/kb/knowledge'", *full_corpus_database());
    CHECK(result.exit_code != 0);
    CHECK(contains(result.err, "hand-made"));
}

TEST_CASE("A malformed coding rule stops code with its position, and nothing is written", "[code]") {
    if (!full_corpus_database()) return;
    TemporaryDirectory rules, parent;
    std::string file = rules.write("bad.xml", "<coding xmlns=\"urn:treatykb:coding:1\">\n"
                                              "  <lexicon name=\"organ\" prefix=\"instrument\"/>\n"
                                              "  <rule id=\"x\" class=\"bodies\" lang=\"en\">\n"
                                              "    <pattern>[unclosed</pattern>\n"
                                              "    <fact>body({|organ}, judicial, @)</fact>\n"
                                              "  </rule>\n</coding>\n");
    std::string folder = parent.path() + "/out";
    auto result = run_program("code eaeu --coding '" + file + "' -o '" + folder + "'", *full_corpus_database());
    CHECK(result.exit_code != 0);
    CHECK(contains(result.err, file + ":4:"));
    CHECK(contains(result.err, "bad regular expression"));
    CHECK_FALSE(fs::exists(folder));
}
