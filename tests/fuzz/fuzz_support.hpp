// Shared by the fuzz targets: the input as text, and the one kind of failure that is not a
// finding (a treatykb::Error is the library refusing bad input with a message).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kb/error.hpp"

namespace treatykb::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// Runs `parse`; a treatykb::Error is an accepted outcome, anything else escapes to libFuzzer.
template <typename Parse> int run(Parse&& parse) {
    try {
        parse();
    } catch (const treatykb::Error&) {
    }
    return 0;
}

} // namespace treatykb::fuzz
