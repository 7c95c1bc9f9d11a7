// treatykb/engine/source_text.hpp — where a character of a rule file is (detail of the loader).
//
// pugixml gives the byte offset of each element and text node; element text has had its entities
// (&lt; &amp; ...) decoded. TextLocator maps an offset in the decoded text back to the file, so
// that an error inside an atom points at the character to fix (line and column in characters).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kb/error.hpp"

namespace treatykb::engine::detail {

class SourceFile {
public:
    SourceFile(std::string name, std::string contents);
    const std::string& name() const { return name_; }
    const std::string& contents() const { return contents_; }
    // Byte offset -> 1-based line and column (columns count UTF-8 characters).
    SourceLocation location(std::size_t offset) const;

private:
    std::string name_;
    std::string contents_;
    std::vector<std::size_t> line_starts_;
};

class TextLocator {
public:
    // raw_offset: where the (undecoded) text starts in the file.
    TextLocator(const SourceFile& file, std::size_t raw_offset) : file_(&file), raw_(raw_offset) {}
    SourceLocation at(std::size_t decoded_offset) const;

private:
    const SourceFile* file_;
    std::size_t raw_;
};

}  // namespace treatykb::engine::detail
