// treatykb/kb/akn.hpp — Akoma Ntoso-style XML for one expression of an instrument.
//
// act -> meta (FRBR work / expression / manifestation identity, amendment records) -> preamble ->
// body -> part/section/article/paragraph/point -> conclusions -> attachments (annexes). Every
// structural element carries its eId; `<num>`, `<heading>`, and the unit's own text as <p>
// elements (in <intro> when the unit has children, else in <content>). Units without an AKN
// element of their own (sub-points, appendices, annexes) are `<hcontainer name="...">`. Reading
// the XML back gives the same Instrument (tested: the round trip keeps the database content).
#pragma once

#include <string>
#include <string_view>

#include "kb/model.hpp"

namespace treatykb {

std::string write_akn(const Instrument& instrument, const Expression& expression);

// An Instrument with the one expression the XML holds. Throws treatykb::Error on malformed input.
Instrument read_akn(std::string_view xml, const std::string& file);

} // namespace treatykb
