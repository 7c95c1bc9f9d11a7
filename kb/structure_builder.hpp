// treatykb/kb/structure_builder.hpp — turns a stream of headings and text blocks into provisions.
//
// Every parser (Russian Markdown, plain text, ToTA XML) finds the headings of its own format and
// hands the builder text blocks (a paragraph of the source, lines already joined). The builder
// splits numbered paragraphs "1.", points "1)", letter points "а)"/"(a)", roman sub-points "(i)"
// and dash indents out of the blocks, assigns eIds after docs/corpus.md, and never drops text: a
// block it cannot place stays with the unit it follows.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kb/model.hpp"

namespace treatykb {

class StructureBuilder {
  public:
    StructureBuilder(std::string file, Expression& expression,
                     std::vector<ImportWarning>& warnings);
    ~StructureBuilder();
    StructureBuilder(const StructureBuilder&) = delete;
    StructureBuilder& operator=(const StructureBuilder&) = delete;

    // A unit outside the body (preamble, conclusions) or an annex: closes everything open.
    void open_top(std::string kind, std::string eid, std::string number, std::string heading,
                  int line);

    // A grouping unit of the body (part = depth 0, section/chapter = 1, sub-section = 2, ...).
    // Closes open units at the same or a deeper depth. The eId is built from the nearest open
    // grouping unit of lower depth when `nest_eid` is true ("sec_9__subsec_1"), else stands
    // alone ("sec_6", "part_1") — or under the open annex ("annex_7__sec_10").
    void open_group(int depth, std::string kind, std::string eid_prefix, std::string number,
                    std::string heading, int line, bool nest_eid = false);

    // An article. Its eId is `art_<number>` (articles do not carry their section prefix).
    void open_article(std::string number, std::string heading, int line);

    // A numbered unit inside an annex ("50." -> annex_7__point_50), placed in the open group.
    void open_annex_point(std::string number, int line);

    // Body text. Inside an article it is split into paragraphs and points; inside an annex a
    // leading "N." opens an annex point; elsewhere it is the open unit's own text.
    void add_block(std::string_view text, int line);

    // Adds text to the heading of the open article, else of the innermost open unit (plain text
    // puts a title on the line after "Статья 25"; OCR moves part of a heading into the text).
    void extend_heading(std::string_view text);

    bool in_annex() const;
    bool has_open_article() const;
    // The unit text is currently added to, or nullptr.
    const Provision* current() const;
    // Numbered annex point that would come next ("1" at the start of an annex or appendix).
    int next_annex_point() const;
    // The eId annex points are numbered under: the open appendix, else the open annex, else "".
    std::string annex_root() const;

  private:
    struct State;
    std::unique_ptr<State> state_;
};

} // namespace treatykb
