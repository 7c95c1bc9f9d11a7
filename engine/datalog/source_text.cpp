#include "engine/datalog/detail/source_text.hpp"

#include <algorithm>

namespace treatykb::engine::detail {

SourceFile::SourceFile(std::string name, std::string contents)
    : name_(std::move(name)), contents_(std::move(contents)) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < contents_.size(); ++i)
        if (contents_[i] == '\n') line_starts_.push_back(i + 1);
}

SourceLocation SourceFile::location(std::size_t offset) const {
    offset = std::min(offset, contents_.size());
    auto line = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) - 1;
    int column = 1;
    for (std::size_t i = *line; i < offset; ++i)
        if ((static_cast<unsigned char>(contents_[i]) & 0xC0) != 0x80) ++column;  // UTF-8 lead
    return SourceLocation{name_, static_cast<int>(line - line_starts_.begin()) + 1, column};
}

SourceLocation TextLocator::at(std::size_t decoded_offset) const {
    // Walk the raw text, counting one decoded character per entity reference. (A numeric
    // reference to a multi-byte character decodes to several bytes; they all map to its '&'.)
    const std::string& raw = file_->contents();
    std::size_t position = raw_;
    std::size_t decoded = 0;
    while (decoded < decoded_offset && position < raw.size()) {
        if (raw[position] == '&') {
            auto end = raw.find(';', position);
            std::size_t bytes = 1;
            if (end != std::string::npos && raw.compare(position, 2, "&#") == 0) {
                unsigned long code = raw[position + 2] == 'x'
                                         ? std::stoul(raw.substr(position + 3, end - position - 3), nullptr, 16)
                                         : std::stoul(raw.substr(position + 2, end - position - 2));
                bytes = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
            }
            decoded += bytes;
            position = end == std::string::npos ? position + 1 : end + 1;
        } else if (raw[position] == '\r') {
            ++position;  // pugixml folds CR LF into LF
        } else {
            ++decoded;
            ++position;
        }
    }
    return file_->location(position);
}

}  // namespace treatykb::engine::detail
