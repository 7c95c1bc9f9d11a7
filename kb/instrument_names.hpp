// treatykb/kb/instrument_names.hpp — which stored instrument a treaty's words name.
//
// An accession clause names the treaty acceded to in words ("the Republic of Armenia accedes to
// the Treaty on the Eurasian Economic Union dated 29 May 2014", "shall accede to the Central
// European Free Trade Agreement"); the coder (`{treaty|instrument_named}`, docs/coding.md) turns
// such a phrase into one stored instrument, or into none. A stored instrument is named by a phrase
// when
//   - the words of its title, or of its short title, open the phrase (the title's parenthesised
//     parts — places, dates, acronyms — aside, and short words such as "the", "of", "on" aside, in
//     both): "Treaty on the Eurasian Economic Union" opens "the Treaty on Eurasian Economic Union
//     from 29 May 2014"; the EFTA Convention's title does not open "the Agreement creating an
//     association between the Member States of the European Free Trade Association and ...";
//   - or the phrase opens with an acronym its title gives in parentheses ("(CEFTA)").
// A date alone names nothing (the EC–Finland agreement and the Munich patent convention were both
// signed on 5 October 1973). Only instruments other than the one being coded, and signed no later
// than it, are candidates: a treaty accedes to one that exists. When several are named, the one
// whose date of signature the phrase gives ("29 May 2014", "29 мая 2014 года", "26 de marzo de
// 1991", "29 mai 2014", "29.05.2014") wins, then the one with the most title words, then the latest
// signature; a tie names none. Stored titles are English (the catalogue's, ToTA's): a Russian,
// Spanish or French phrase resolves only where it shares the title's words or acronym.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kb/model.hpp"
#include "kb/unicode_text.hpp"  // words_of

namespace treatykb {

class InstrumentNames {
public:
    // `instruments`: the stored instruments (Store::instruments()); `self`: the canonical alias of
    // the instrument whose text is read.
    InstrumentNames(const std::vector<Instrument>& instruments, std::string_view self);

    // The canonical alias of the one instrument `phrase` names, or nullopt.
    std::optional<std::string> resolve(std::string_view phrase) const;

private:
    struct Candidate {
        std::string alias;
        std::string date_signed;
        std::vector<std::vector<std::string>> names;  // the title's words, the short title's words
        std::vector<std::string> acronyms;            // lower-cased
    };
    std::vector<Candidate> candidates_;
};

// The dates a phrase gives, as ISO dates, in the order written: "29 May 2014", "May 29, 2014",
// "29 мая 2014 года", "26 de marzo de 1991", "29 mai 2014", "29.05.2014".
std::vector<std::string> dates_in(std::string_view phrase);

}  // namespace treatykb
