// Which stored instrument an accession clause's words name (kb/instrument_names.hpp).
#include <catch2/catch.hpp>

#include "kb/instrument_names.hpp"

using namespace treatykb;

namespace {

Instrument stored(const std::string& alias, const std::string& title, const std::string& date,
                  const std::string& short_title = {}) {
    Instrument instrument;
    instrument.alias = alias;
    instrument.title = title;
    instrument.short_title = short_title;
    instrument.date_signed = date;
    return instrument;
}

const std::vector<Instrument>& corpus() {
    static const std::vector<Instrument> instruments = {
        stored("union", "Treaty on the Example Union (Astana, 29 May 2014)", "2014-05-29", "Union Treaty"),
        stored("union-old", "Treaty on the Example Union", "2000-10-10"),
        stored("fta", "Central Example Free Trade Agreement (CEFTA)", "1992-12-21"),
        stored("assoc", "Example Free Trade Association (EFTA)", "1960-01-04"),
        stored("patent", "EC - Finland Agreement", "1973-10-05"),
        stored("later", "Treaty on the Later Union", "2020-01-01"),
        stored("twin-a", "Treaty on Twins", "1999-01-01"),
        stored("twin-b", "Treaty on Twins", "1999-01-01"),
        stored("accession", "Accession of Armenia to the Example Union", "2014-10-10"),
    };
    return instruments;
}

}  // namespace

TEST_CASE("dates_in reads a date in English, Russian, Spanish, French and in figures") {
    CHECK(dates_in("the Treaty dated 29 May 2014, as well as") == std::vector<std::string>{"2014-05-29"});
    CHECK(dates_in("Treaty of May 29, 2014") == std::vector<std::string>{"2014-05-29"});
    CHECK(dates_in("к Договору от 29 мая 2014 года") == std::vector<std::string>{"2014-05-29"});
    CHECK(dates_in("al Tratado de 26 de marzo de 1991") == std::vector<std::string>{"1991-03-26"});
    CHECK(dates_in("au Traité du 1 février 1992") == std::vector<std::string>{"1992-02-01"});
    CHECK(dates_in("Treaty of 29.05.2014") == std::vector<std::string>{"2014-05-29"});
    CHECK(dates_in("paragraphs 2 and 3 of Article 1991").empty());
    CHECK(dates_in("32 May 2014").empty());
}

TEST_CASE("An accession phrase names the one stored instrument whose title it gives") {
    InstrumentNames names(corpus(), "accession");
    // The title's words, headed by the phrase's first word; the place and date in parentheses aside.
    CHECK(names.resolve("the Treaty on the Example Union dated 29 May 2014") == "union");
    // Two instruments of the same title: the date the phrase gives decides, else the latest.
    CHECK(names.resolve("the Treaty on the Example Union of 10 October 2000") == "union-old");
    CHECK(names.resolve("the Treaty on Example Union") == "union");
    // The short title, and an acronym as the head word.
    CHECK(names.resolve("the Union Treaty") == "union");
    CHECK(names.resolve("the CEFTA as amended") == "fta");
    CHECK(names.resolve("the Central Example Free Trade Agreement") == "fta");
    // An instrument named only inside the phrase is not the one acceded to.
    CHECK_FALSE(names.resolve("the Agreement creating an association between the Member States of the "
                              "Example Free Trade Association and the Republic of Finland"));
    // A date alone names nothing (the patent convention shares its day with the EC–Finland agreement).
    CHECK_FALSE(names.resolve("the Munich Convention on the Grant of European Patents of 5 October 1973"));
    // An instrument signed after the accession, the accession itself, and two alike: none.
    CHECK_FALSE(names.resolve("the Treaty on the Later Union"));
    CHECK_FALSE(names.resolve("the Accession of Armenia to the Example Union"));
    CHECK_FALSE(names.resolve("the Treaty on Twins"));
    CHECK_FALSE(names.resolve("the multilateral conventions on intellectual property"));
    CHECK_FALSE(names.resolve(""));
}
