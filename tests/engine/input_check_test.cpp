// Bad knowledge is rejected where it is written: an annotation naming an instrument the knowledge
// base does not declare, a bearer that is not a member state of the provision's instrument, an
// applies_to naming an unknown instrument or reach, a seat range that cannot hold, and dates that do
// not exist. Every error has
// file:line:column and a hint, and nothing is loaded (load_program throws).
#include <catch2/catch.hpp>

#include <string>

#include "engine/datalog/loader.hpp"

using namespace treatykb::engine;

namespace {

std::string data(const std::string& name) {
    return std::string(TREATYKB_TEST_DATA) + "/engine/bad_refs/" + name;
}

std::vector<Diagnostic> diagnostics_of(const std::string& name) {
    return check_program({data(name)});
}

bool mentions(const std::vector<Diagnostic>& diagnostics, const std::string& text, int line, int column) {
    for (const Diagnostic& d : diagnostics)
        if (d.render().find(text) != std::string::npos && d.where.line == line &&
            d.where.column == column && !d.hint.empty())
            return true;
    return false;
}

}  // namespace

TEST_CASE("The small knowledge base of the reference checks loads") {
    CHECK(diagnostics_of("base.xml").empty());
}

TEST_CASE("An annotation naming an unknown instrument is rejected at the annotation") {
    auto diagnostics = diagnostics_of("unknown_instrument.xml");
    for (const Diagnostic& d : diagnostics) INFO(d.render());
    REQUIRE(diagnostics.size() == 1);
    CHECK(mentions(diagnostics, "unknown instrument 'eaeu-xyz'", 4, 3));
    CHECK(diagnostics[0].hint.find("eaeu") != std::string::npos);
    CHECK_THROWS_AS(load_program({data("unknown_instrument.xml")}), ProgramErrors);
}

TEST_CASE("A bearer that is not a member state of the instrument is rejected at the state") {
    auto diagnostics = diagnostics_of("unknown_bearer.xml");
    for (const Diagnostic& d : diagnostics) INFO(d.render());
    REQUIRE(diagnostics.size() == 1);
    CHECK(mentions(diagnostics, "unknown bearer 'BYR'", 7, 27));
    CHECK(diagnostics[0].hint.find("BLR, RUS") != std::string::npos);
    CHECK_THROWS_AS(load_program({data("unknown_bearer.xml")}), ProgramErrors);
}

TEST_CASE("applies_to must name known instruments and a reach of general or one_off") {
    auto diagnostics = diagnostics_of("bad_applies_to.xml");
    for (const Diagnostic& d : diagnostics) INFO(d.render());
    REQUIRE(diagnostics.size() == 2);
    CHECK(mentions(diagnostics, "unknown instrument 'eau'", 4, 30));
    CHECK(mentions(diagnostics, "reach is 'sometimes'", 5, 36));
}

TEST_CASE("A seat range must run from 0 to at most the body's total") {
    auto diagnostics = diagnostics_of("bad_seat_range.xml");
    for (const Diagnostic& d : diagnostics) INFO(d.render());
    REQUIRE(diagnostics.size() == 2);
    CHECK(mentions(diagnostics, "seat_range minimum 96 is not between 0 and the maximum 6", 4, 37));
    CHECK(mentions(diagnostics, "seat_range maximum 800 is above the total 750", 5, 40));
    CHECK_THROWS_AS(load_program({data("bad_seat_range.xml")}), ProgramErrors);
}

TEST_CASE("Impossible dates are rejected; 29 February only in leap years") {
    auto diagnostics = diagnostics_of("impossible_date.xml");
    for (const Diagnostic& d : diagnostics) INFO(d.render());
    REQUIRE(diagnostics.size() == 2);
    CHECK(mentions(diagnostics, "not a valid date: 2014-02-31", 6, 26));
    CHECK(mentions(diagnostics, "not a valid date: 2015-02-29", 7, 26));
    CHECK_THROWS_AS(load_program({data("impossible_date.xml")}), ProgramErrors);
}
