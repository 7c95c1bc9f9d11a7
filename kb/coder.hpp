// treatykb/kb/coder.hpp — running the coding rules over stored provisions (docs/coding.md).
//
// Each provision's own text is cut into sentences (and list items); every rule of the
// expression's language is searched in every sentence, and each match whose placeholders all
// resolve proposes the rule's facts, quoting the sentence (or the match, or a capture) verbatim so
// that the quote verifies against the provision like a hand-made one. A regex that exceeds Boost's
// complexity bound on some text is not retried: the failure is recorded, the rest goes on. Rules
// are matched over a UTF-32 copy of the text, and not where their literal prefilters fail
// (kb/regex_prefilter.hpp): the proposals are those of searching every sentence.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kb/coding_rules.hpp"
#include "kb/store.hpp"

namespace treatykb::coding {

struct Proposal {
    std::size_t rule = 0;     // index into CodingRuleSet::rules
    std::string instrument;   // canonical alias
    std::string eid;
    std::string language;
    std::string quote;        // verbatim, from the provision's own text
    std::vector<std::string> facts;  // rendered, "decision_rule(eaeu_supreme_council, consensus, 1, 1, members, @)"
    std::string note;         // how a word was read, where a definition of the text decided it
};

struct RuleFailure {
    std::size_t rule = 0;
    std::string instrument, eid, language;
    std::string message;  // what the regex engine said
};

struct CodingResult {
    std::vector<Proposal> proposals;
    std::vector<RuleFailure> failures;
    std::vector<std::size_t> matches;     // per rule: matches in the text
    std::vector<std::size_t> unresolved;  // per rule: matches with a placeholder left unresolved
};

// The prefix of body symbols of an instrument: "cuc-2007" -> "cuc_2007".
std::string symbol_prefix(std::string_view alias);

// Codes every stored expression of `instrument` (a canonical alias) in the languages the rules
// read, adding to `result` (sized to the rules on first use).
void code_instrument(const Store& store, std::string_view instrument, const CodingRuleSet& rules,
                     CodingResult& result);

// Codes `instruments` (canonical aliases) with up to `workers` threads. The result is the one of
// calling code_instrument on each in order (proposals, failures and counts alike): the workers
// read the store in turn, one instrument each, and code what they read side by side.
CodingResult code_instruments(const Store& store, const std::vector<std::string>& instruments,
                              const CodingRuleSet& rules, unsigned workers);

// The proposals of one instrument as a knowledge file (kb/knowledge format): one <annotation> per
// proposal with its rule and confidence, including `schema_href` for the vocabulary. Given the
// instrument's kind and signature date (the catalogue's, an ISO date), the file also declares it,
// instrument(symbol, kind, date), outside any annotation, so that a coded file whose facts name
// the instrument (member_state) validates on its own (`treatykb check`).
std::string render_coded_knowledge(std::string_view instrument, const std::vector<Proposal>& proposals,
                                   const CodingRuleSet& rules, const std::string& schema_href,
                                   std::string_view kind = {}, std::string_view date_signed = {});

}  // namespace treatykb::coding
