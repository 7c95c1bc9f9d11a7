// treatykb/kb/point_in_time.hpp — which stored expression, if any, gives a provision's text in
// force on a date.
//
// What the corpus can know (docs/corpus.md, "Point in time"): the Russian EAEU text is
// consolidated (amendments folded in, each recorded by a "Сноска." note naming the Kazakh law that
// ratified the amending protocol); the English ToTA text translates the 2014 original. An
// amendment cannot be in force before Kazakhstan ratified it, so one ratified after the date was
// not in force then; one ratified on or before it may or may not have been (its entry into force
// is not in the corpus). The answer says which expression answers, or that none does — the
// original Russian wording of an amended provision is not in the corpus and is never guessed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kb/model.hpp"

namespace treatykb {

class Store;

struct PointInTime {
    enum class Status {
        not_in_force,      // the instrument was not yet in force on the date
        text_answers,      // `language`'s text is the text in force then (as far as recorded)
        text_may_differ,   // `language`'s text is shown, but an amendment may or may not apply
        original_answers,  // the consolidated text does not answer; `language` (original) does
        no_text_in_corpus, // neither expression gives the text in force then
    };
    Status status = Status::no_text_in_corpus;
    std::string language;        // the expression whose text answers or is shown; may be empty
    std::string in_force_from;   // the instrument's entry into force (ISO), may be empty
    std::string consolidated_to; // date of the consolidated expression's text (ISO), may be empty
    std::string consolidated_language; // the expression with amendment records, may be empty
    std::vector<AmendmentRecord> ratified_after;  // not in force on the date
    std::vector<AmendmentRecord> ratified_before; // in force on the date: not known
};

// `date` is ISO (YYYY-MM-DD, checked by the caller); `lang` is the expression asked for.
PointInTime read_as_of(const Store& store, std::string_view instrument, std::string_view eid,
                       std::string_view lang, std::string_view date);

// True for a valid ISO calendar date "YYYY-MM-DD".
bool is_iso_date(std::string_view text);

} // namespace treatykb
