// Which stored instrument a treaty's words name (kb/instrument_names.hpp).
#include "kb/instrument_names.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <set>

#include "kb/unicode_text.hpp"

namespace treatykb {

namespace {

// Words a title shares with any phrase, which name nothing.
bool filler(const std::string& word) {
    static const std::set<std::string> words = {
        "the", "of", "on", "and", "for", "to", "in", "a", "an", "its", "between", "de", "la", "el",
        "los", "las", "del", "y", "et", "le", "les", "des", "du", "d", "l", "о", "об", "и", "в", "на", "по"};
    return words.count(word) > 0;
}

bool all_digits(const std::string& word) {
    return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// 1-12 for a month's name in English, Russian (genitive), Spanish or French; 0 otherwise.
int month_of(const std::string& word) {
    static const std::array<std::array<const char*, 12>, 4> names = {{
        {"january", "february", "march", "april", "may", "june", "july", "august", "september",
         "october", "november", "december"},
        {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
         "октября", "ноября", "декабря"},
        {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
         "octubre", "noviembre", "diciembre"},
        {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
         "octobre", "novembre", "décembre"},
    }};
    for (const auto& language : names)
        for (std::size_t m = 0; m < language.size(); ++m)
            if (word == language[m]) return static_cast<int>(m) + 1;
    return 0;
}

std::string iso(int year, int month, int day) {
    char out[11];
    std::snprintf(out, sizeof out, "%04d-%02d-%02d", year, month, day);
    return out;
}

int number(const std::string& word, int low, int high) {
    if (!all_digits(word) || word.size() > 4) return 0;
    int value = std::stoi(word);
    return value >= low && value <= high ? value : 0;
}

// Removes the parenthesised parts of a title; what they hold in capitals is kept as acronyms.
std::string outside_parentheses(std::string_view title, std::vector<std::string>& acronyms) {
    std::string out;
    int depth = 0;
    std::string inside;
    for (char c : title) {
        if (c == '(') {
            if (depth++ == 0) inside.clear();
            continue;
        }
        if (c == ')' && depth > 0) {
            if (--depth == 0)
                for (const std::string& word : words_of(inside)) {
                    // An acronym: the word is written in capitals (2 to 10 ASCII letters) inside.
                    if (word.size() >= 2 && word.size() <= 10 &&
                        std::all_of(word.begin(), word.end(), [](char l) { return l >= 'a' && l <= 'z'; })) {
                        std::string capitals = word;
                        for (char& l : capitals) l = static_cast<char>(l - 'a' + 'A');
                        if (inside.find(capitals) != std::string::npos) acronyms.push_back(word);
                    }
                }
            continue;
        }
        if (depth == 0) out += c;
        else inside += c;
    }
    return out;
}

std::vector<std::string> name_words(std::string_view text) {
    std::vector<std::string> out;
    for (std::string& word : words_of(text))
        if (!filler(word)) out.push_back(std::move(word));
    return out;
}

}  // namespace

std::vector<std::string> dates_in(std::string_view phrase) {
    std::vector<std::string> words;
    for (std::string& word : words_of(phrase))
        if (word != "de" && word != "года" && word != "г") words.push_back(std::move(word));
    std::vector<std::string> dates;
    for (std::size_t i = 0; i + 2 < words.size(); ++i) {
        const std::string &a = words[i], &b = words[i + 1], &c = words[i + 2];
        int year = number(c, 1800, 2200);
        if (!year) continue;
        if (int day = number(a, 1, 31), month = month_of(b); day && month)
            dates.push_back(iso(year, month, day));
        else if (int month_first = month_of(a), day_second = number(b, 1, 31); month_first && day_second)
            dates.push_back(iso(year, month_first, day_second));
        else if (int d = number(a, 1, 31), m = number(b, 1, 12); d && m && a.size() <= 2 && b.size() == 2)
            dates.push_back(iso(year, m, d));  // 29.05.2014
    }
    return dates;
}

InstrumentNames::InstrumentNames(const std::vector<Instrument>& instruments, std::string_view self) {
    std::string self_date;
    for (const Instrument& instrument : instruments)
        if (instrument.alias == self) self_date = instrument.date_signed;
    for (const Instrument& instrument : instruments) {
        if (instrument.alias == self) continue;
        if (!self_date.empty() && !instrument.date_signed.empty() && instrument.date_signed > self_date)
            continue;
        Candidate candidate;
        candidate.alias = instrument.alias;
        candidate.date_signed = instrument.date_signed;
        for (const std::string* title : {&instrument.title, &instrument.short_title}) {
            std::vector<std::string> words = name_words(outside_parentheses(*title, candidate.acronyms));
            if (!words.empty()) candidate.names.push_back(std::move(words));
        }
        candidates_.push_back(std::move(candidate));
    }
}

std::optional<std::string> InstrumentNames::resolve(std::string_view phrase) const {
    // The phrase's words without the short ones: a name must open it ("Treaty on the Eurasian
    // Economic Union" opens "the Treaty on Eurasian Economic Union from 29 May 2014"), so that an
    // instrument named inside the phrase ("an association between the Member States of the
    // European Free Trade Association and ...") is not the one acceded to.
    const std::vector<std::string> words = name_words(phrase);
    if (words.empty()) return std::nullopt;
    const std::vector<std::string> dates = dates_in(phrase);
    struct Named {
        const Candidate* candidate;
        std::size_t words;  // title words matched (0: by its acronym)
        bool dated;         // the phrase gives its date of signature
    };
    std::vector<Named> named;
    for (const Candidate& candidate : candidates_) {
        std::size_t best = 0;
        bool by_name = false;
        for (const std::vector<std::string>& name : candidate.names)
            if (name.size() <= words.size() && std::equal(name.begin(), name.end(), words.begin())) {
                by_name = true;
                best = std::max(best, name.size());
            }
        for (const std::string& acronym : candidate.acronyms)
            if (acronym == words.front()) by_name = true;
        if (!by_name) continue;  // a date alone names nothing: two treaties may share a day
        const bool dated = !candidate.date_signed.empty() &&
                           std::find(dates.begin(), dates.end(), candidate.date_signed) != dates.end();
        named.push_back({&candidate, best, dated});
    }
    if (named.empty()) return std::nullopt;
    // A date the phrase gives decides first; then the name's length; then the latest signature.
    const bool any_dated = std::any_of(named.begin(), named.end(), [](const Named& n) { return n.dated; });
    if (any_dated)
        named.erase(std::remove_if(named.begin(), named.end(), [](const Named& n) { return !n.dated; }), named.end());
    std::sort(named.begin(), named.end(), [](const Named& a, const Named& b) {
        if (a.words != b.words) return a.words > b.words;
        return a.candidate->date_signed > b.candidate->date_signed;
    });
    if (named.size() > 1 && named[0].words == named[1].words &&
        named[0].candidate->date_signed == named[1].candidate->date_signed)
        return std::nullopt;
    return named.front().candidate->alias;
}

}  // namespace treatykb
