#include "kb/point_in_time.hpp"

#include <cctype>
#include <map>

#include "kb/store.hpp"

namespace treatykb {

namespace {

// An amendment of the provision itself, of a unit containing it (the article of a paragraph)
// or of a unit inside it (a point of the annex asked for).
bool concerns(const std::string& amended, std::string_view eid) {
    if (amended == eid)
        return true;
    std::string_view a = amended;
    return (eid.starts_with(a) && eid.substr(a.size()).starts_with("__")) ||
           (a.starts_with(eid) && a.substr(eid.size()).starts_with("__"));
}

} // namespace

bool is_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!std::isdigit(static_cast<unsigned char>(text[i])))
            return false;
    int year = std::stoi(std::string(text.substr(0, 4)));
    int month = std::stoi(std::string(text.substr(5, 2)));
    int day = std::stoi(std::string(text.substr(8, 2)));
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || day > days[month - 1])
        return false;
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return !(month == 2 && day == 29 && !leap);
}

PointInTime read_as_of(const Store& store, std::string_view instrument, std::string_view eid,
                       std::string_view lang, std::string_view date) {
    PointInTime out;
    std::map<std::string, std::string> expression_dates; // language -> date of its text
    for (const auto& summary : store.list()) {
        if (summary.alias != instrument)
            continue;
        out.in_force_from = summary.date_in_force;
        for (const auto& expression : summary.expressions) {
            if (expression.amendments > 0) {
                out.consolidated_language = expression.language;
                out.consolidated_to = expression.date;
            }
            expression_dates[expression.language] = expression.date;
        }
    }
    out.language = std::string(lang);
    if (!out.in_force_from.empty() && date < out.in_force_from) {
        out.status = PointInTime::Status::not_in_force;
        return out;
    }
    if (out.consolidated_language.empty()) {
        // No expression of this work records amendments: none is known to the corpus.
        out.status = PointInTime::Status::text_answers;
        return out;
    }
    for (auto& amendment : store.amendments(instrument, out.consolidated_language)) {
        if (!concerns(amendment.eid, eid))
            continue;
        bool after = !amendment.ratification_date.empty() && amendment.ratification_date > date;
        (after ? out.ratified_after : out.ratified_before).push_back(std::move(amendment));
    }
    if (lang != out.consolidated_language) {
        // The original text (the 2014 translation): outdated only by amendments that may have
        // been in force already.
        out.status = out.ratified_before.empty() ? PointInTime::Status::text_answers
                                                 : PointInTime::Status::text_may_differ;
        return out;
    }
    if (out.ratified_after.empty()) {
        out.status = out.ratified_before.empty() ? PointInTime::Status::text_answers
                                                 : PointInTime::Status::text_may_differ;
        return out;
    }
    // The consolidated wording is later than the date. The original wording answers only when
    // no amendment could have been in force yet, and only where an expression of a text dated
    // on or before the date (the 2014 translation) holds the provision.
    out.language.clear();
    out.status = PointInTime::Status::no_text_in_corpus;
    if (!out.ratified_before.empty())
        return out;
    for (const auto& other : store.languages(instrument)) {
        const std::string& text_date = expression_dates[other];
        if (other == out.consolidated_language || text_date.empty() || text_date > date ||
            !store.provision(instrument, eid, other))
            continue;
        out.language = other;
        out.status = PointInTime::Status::original_answers;
        break;
    }
    return out;
}

} // namespace treatykb
