#include "kb/error.hpp"

namespace treatykb {

namespace {
std::string location_prefix(const SourceLocation& where) {
    if (where.file.empty()) return {};
    std::string out = where.file;
    if (where.line > 0) {
        out += ":" + std::to_string(where.line);
        if (where.column > 0) out += ":" + std::to_string(where.column);
    }
    return out + ": ";
}

std::string compose(const std::string& message, const SourceLocation& where,
                    const std::string& provision) {
    std::string out = location_prefix(where) + "error: " + message;
    if (!provision.empty()) out += " [" + provision + "]";
    return out;
}
}  // namespace

Error::Error(std::string message, SourceLocation where, std::string hint, std::string provision)
    : std::runtime_error(compose(message, where, provision)),
      message_(std::move(message)),
      where_(std::move(where)),
      hint_(std::move(hint)),
      provision_(std::move(provision)) {}

std::string Error::render() const {
    std::string out = what();
    if (!hint_.empty()) out += "\n  hint: " + hint_;
    return out;
}

}  // namespace treatykb
